import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { pino } from 'pino';
import request from 'supertest';
import { inject } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createApp } from '../../api/app.js';
import { recordingStatuses } from './status-log.js';
import { loadConfig, type AppConfig } from '../../api/config.js';
import { databaseUrl } from '../../api/db/embedded-postgres.js';
import { initOrm } from '../../api/db/orm.js';
import { User } from '../../api/users/user.entity.js';
import { hashPassword } from '../../api/users/password.js';
import type { Role } from '../../api/core/permissions.js';

export const TEST_PASSWORD = 'test-password-reemploi';
export const TEST_TERRITORY = 'UTPAS Roubaix';

export const TEST_USERS: Record<Role, { email: string; name: string; territory?: string; organisation?: string }> = {
  admin: { email: 'admin@test.fr', name: 'Alice Admin' },
  it_staff: { email: 'tech@test.fr', name: 'Théo Technicien' },
  partner: { email: 'partner@test.fr', name: 'Paula Partenaire', organisation: 'Emmaüs Connect' },
  social_worker: { email: 'social@test.fr', name: 'Sam Social', territory: TEST_TERRITORY },
  viewer: { email: 'viewer@test.fr', name: 'Victor Viewer' },
};

export interface TestApp {
  app: ReturnType<typeof createApp>;
  orm: MikroORM;
  config: AppConfig;
  databaseUrl: string;
  http: ReturnType<typeof request>;
  users: Record<Role, User>;
  /** A bearer token for the test account of `role` (cached). */
  token(role: Role): Promise<string>;
  /** `Authorization` header for `role`. */
  auth(role: Role): Promise<{ Authorization: string }>;
  /** Plain SQL on the test database, for assertions the API cannot make. */
  sql<T = Record<string, unknown>>(text: string, values?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** Clones the migrated template into a fresh database for this test file. */
export async function createTestDatabase(): Promise<string> {
  const serverUrl = inject('databaseServerUrl');
  const name = `reemploi_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: databaseUrl(serverUrl, 'postgres') });
  await client.connect();
  await client.query(`create database "${name}" template "${inject('templateDatabase')}"`);
  await client.end();
  return databaseUrl(serverUrl, name);
}

export async function createTestApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  const url = await createTestDatabase();
  const orm = await initOrm(url);
  const config = loadConfig({
    DATABASE_URL: url,
    JWT_SECRET: 'test-secret-0123456789-abcdefghijklmnopqrstuvwxyz',
    LOGIN_RATE_LIMIT: '1000',
    ...overrides,
  });
  const app = createApp({ orm, config, logger: pino({ level: 'silent' }) });
  const passwordHash = await hashPassword(TEST_PASSWORD);
  const em = orm.em.fork();
  const users = Object.fromEntries(
    (Object.keys(TEST_USERS) as Role[]).map((role) => [
      role,
      em.create(User, { ...TEST_USERS[role], territory: TEST_USERS[role].territory ?? null, organisation: TEST_USERS[role].organisation ?? null, role, passwordHash, active: true, tokenVersion: 0 }),
    ]),
  ) as Record<Role, User>;
  await em.flush();

  const tokens = new Map<Role, string>();
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const testApp: TestApp = {
    app,
    orm,
    config,
    databaseUrl: url,
    http: request(recordingStatuses(app)),
    users,
    async token(role) {
      if (!tokens.has(role)) {
        const response = await request(app).post('/api/auth/login').send({ email: TEST_USERS[role].email, password: TEST_PASSWORD });
        if (response.status !== 200) throw new Error(`login as ${role} failed: ${response.status} ${JSON.stringify(response.body)}`);
        tokens.set(role, response.body.token);
      }
      return tokens.get(role)!;
    },
    async auth(role) {
      return { Authorization: `Bearer ${await testApp.token(role)}` };
    },
    async sql(text, values) {
      return (await pool.query(text, values as unknown[])).rows;
    },
    async close() {
      await pool.end();
      await orm.close();
    },
  };
  return testApp;
}

/** supertest parser that keeps binary bodies (PDF, PNG, XLSX) as Buffers. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- supertest's parser signature
export function binaryParser(res: any, callback: (error: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

export const ROLES_ALL: Role[] = ['admin', 'it_staff', 'partner', 'social_worker', 'viewer'];

/** A partner account of another organisation than Emmaüs Connect: it must see nothing of Emmaüs Connect's (#20 §4). */
export const OTHER_PARTNER = { email: 'autre-partenaire@test.fr', name: 'Odile Autre', organisation: 'Ateliers du Bocage' };

/** `Authorization` header for OTHER_PARTNER, created on first use (so other files' user counts do not move). */
export async function otherPartnerAuth(t: TestApp): Promise<{ Authorization: string }> {
  await t.sql(
    `insert into users (email, name, role, organisation, password_hash, active, token_version, created_at, updated_at)
     select $1::text, $2::text, 'partner', $3::text, password_hash, true, 0, now(), now() from users
      where email = $4 and not exists (select 1 from users where email = $1::text)`,
    [OTHER_PARTNER.email, OTHER_PARTNER.name, OTHER_PARTNER.organisation, TEST_USERS.partner.email],
  );
  const response = await request(t.app).post('/api/auth/login').send({ email: OTHER_PARTNER.email, password: TEST_PASSWORD });
  if (response.status !== 200) throw new Error(`login as the other partner failed: ${response.status} ${JSON.stringify(response.body)}`);
  return { Authorization: `Bearer ${response.body.token}` };
}
