import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binaryParser, createTestApp, type TestApp } from '../helpers/app.js';
import { ROOT } from '../helpers/server-process.js';
import { createBackup } from '../../api/backup/backup.js';
import { generateSignerKey, parseSignerKey, verifierKey } from '../../api/transparency/signed-note.js';

/**
 * Tampering as the database superuser would, triggers switched off: one event's `to` status
 * rewritten, one event deleted, one inserted in the middle of the history, one leaf rewritten with
 * its hash. `npm run verify-custody` must exit non-zero and name it, against the API and against
 * a backup. And an RGPD erasure and the anonymisation job must leave every proof valid.
 */
let t: TestApp;
let server: Server;
let baseUrl: string;
const ORIGIN = 'reemploi.test/custody';
const SIGNER = generateSignerKey(ORIGIN);
const PUBLIC_KEY = verifierKey(parseSignerKey(SIGNER));
const WORK = path.join(ROOT, 'tests/.tmp', `tamper-${process.pid}`);
const SITE = 'Dépôt DSI — Lille';
let serial = 0;

beforeAll(async () => {
  mkdirSync(WORK, { recursive: true });
  t = await createTestApp({ TRANSPARENCY_ORIGIN: ORIGIN, TRANSPARENCY_SIGNING_KEY: SIGNER });
  server = createServer(t.app).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (let i = 0; i < 3; i++) await wipedDevice();
  await signCheckpoint();
  await newDevice();
  await signCheckpoint();
}, 120_000);
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.close();
  rmSync(WORK, { recursive: true, force: true });
});

async function newDevice() {
  const created = await t.http.post('/api/devices').set(await t.auth('it_staff')).send({ type: 'laptop', originSite: SITE, serialNumber: `TAMPER-${++serial}-${process.pid}` });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body as { id: number; assetTag: string };
}

async function wipedDevice() {
  const device = await newDevice();
  const disk = await t.http.post('/api/media').set(await t.auth('it_staff')).send({ device: device.id, kind: 'ssd', serialNumber: `TAMPER-DISK-${serial}-${process.pid}` });
  const wipe = await t.http.post('/api/sanitizations').set(await t.auth('it_staff')).send({
    medium: disk.body.id, technique: 'overwrite_prng', tool: 'nwipe', startedAt: '2026-11-20T09:00:00+01:00', finishedAt: '2026-11-20T10:00:00+01:00', passes: 1, verification: 'last_pass', result: 'success',
  });
  expect(wipe.status, JSON.stringify(wipe.body)).toBe(201);
  return device;
}

async function signCheckpoint() {
  expect((await t.http.post('/api/jobs/sign-checkpoint/run').set(await t.auth('admin'))).status).toBe(200);
}

async function verifyCustody(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'api/transparency/verify-custody.ts', ...args, '--key', PUBLIC_KEY], { cwd: ROOT, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

let backups = 0;
async function bothWays(): Promise<{ api: Awaited<ReturnType<typeof verifyCustody>>; backup: Awaited<ReturnType<typeof verifyCustody>> }> {
  const file = path.join(WORK, `copy-${++backups}.backup.tar.gz`);
  await createBackup(t.databaseUrl, file);
  const [api, backup] = await Promise.all([verifyCustody(['--url', baseUrl]), verifyCustody(['--backup', file])]);
  return { api, backup };
}

/** As the database superuser, every trigger off (the append-only guards and the log's), in one transaction. */
async function asSuperuser(statements: (client: pg.Client) => Promise<void>) {
  const client = new pg.Client({ connectionString: t.databaseUrl });
  await client.connect();
  try {
    await client.query('begin');
    await client.query('set local session_replication_role = replica');
    await statements(client);
    await client.query('commit');
  } finally {
    await client.end();
  }
}

const someEvent = async (where: string) => (await t.sql<{ id: string; to_status: string | null; device_id: number; at: Date }>(`select id, to_status, device_id, at from events where ${where} order by id limit 1`))[0];

describe('npm run verify-custody', () => {
  it('exits 0 on an untouched log, through the API and from a backup', async () => {
    const { api, backup } = await bothWays();
    expect(api.code, api.stderr).toBe(0);
    expect(api.stdout).toMatch(/Vérifié : \d+ feuilles, 2 points de contrôle, tout concorde/);
    expect(backup.code, backup.stderr).toBe(0);
  });

  it('names the event whose `to` status was rewritten', async () => {
    const event = await someEvent(`to_status = 'sanitized'`);
    await asSuperuser((client) => client.query(`update events set to_status = 'allocated' where id = $1`, [event.id]).then(() => {}));
    try {
      const { api, backup } = await bothWays();
      for (const result of [api, backup]) {
        expect(result.code).toBe(1);
        expect(result.stderr).toMatch(new RegExp(`premier problème : feuille \\d+ \\(événement ${event.id}\\) : l'enregistrement a été modifié — to : "sanitized" dans le journal, "allocated" maintenant`));
      }
    } finally {
      await asSuperuser((client) => client.query(`update events set to_status = 'sanitized' where id = $1`, [event.id]).then(() => {}));
    }
  });

  it('names the event that was deleted', async () => {
    const [event] = await t.sql<Record<string, unknown>>(`select * from events where type = 'moved' or type = 'registered' order by id desc limit 1`);
    await asSuperuser((client) => client.query(`delete from events where id = $1`, [event.id]).then(() => {}));
    try {
      const { api, backup } = await bothWays();
      for (const result of [api, backup]) {
        expect(result.code).toBe(1);
        expect(result.stderr).toMatch(new RegExp(`premier problème : feuille \\d+ \\(événement ${event.id}\\) : l'enregistrement a disparu`));
      }
    } finally {
      await asSuperuser(async (client) => {
        const columns = Object.keys(event);
        await client.query(`insert into events (${columns.join(', ')}) values (${columns.map((_c, i) => `$${i + 1}`).join(', ')})`, columns.map((column) => event[column]));
      });
    }
  });

  it('names the event inserted in the middle of the history', async () => {
    const earlier = await someEvent(`type = 'registered'`);
    const [actor] = await t.sql<{ id: number }>(`select id from users where role = 'it_staff'`);
    let inserted = '';
    await asSuperuser(async (client) => {
      const { rows } = await client.query<{ id: string }>(
        `insert into events (device_id, type, from_status, to_status, actor_id, site, at) values ($1, 'transition', 'registered', 'recycled', $2, $3, $4) returning id`,
        [earlier.device_id, actor.id, SITE, new Date(earlier.at.getTime() + 1000)],
      );
      inserted = rows[0].id;
    });
    try {
      const { api, backup } = await bothWays();
      for (const result of [api, backup]) {
        expect(result.code).toBe(1);
        expect(result.stderr).toMatch(new RegExp(`premier problème : événement ${inserted} \\(CD59-[0-9-]+, [0-9T:.-]+Z\\) : absent du journal`));
      }
    } finally {
      await asSuperuser((client) => client.query(`delete from events where id = $1`, [inserted]).then(() => {}));
    }
  });

  it('names the checkpoint whose root no longer matches when a leaf is rewritten with its hash, and the record with it', async () => {
    const event = await someEvent(`to_status = 'sanitized'`);
    const [leaf] = await t.sql<{ leaf_index: string; entry: string }>(`select leaf_index, entry from transparency_leaves where kind = 'event' and record_id = $1`, [event.id]);
    const forged = leaf.entry.replace('"to":"sanitized"', '"to":"allocated"');
    await asSuperuser(async (client) => {
      await client.query(`update events set to_status = 'allocated' where id = $1`, [event.id]);
      await client.query(`update transparency_leaves set entry = $2, leaf_hash = sha256('\\x00'::bytea || convert_to($2, 'UTF8')) where leaf_index = $1`, [leaf.leaf_index, forged]);
    });
    try {
      const { api, backup } = await bothWays();
      for (const result of [api, backup]) {
        expect(result.code).toBe(1);
        expect(result.stderr).toMatch(/premier problème : point de contrôle n° 1 \(taille \d+\) : la racine recalculée diffère de la racine signée/);
      }
    } finally {
      await asSuperuser(async (client) => {
        await client.query(`update events set to_status = 'sanitized' where id = $1`, [event.id]);
        await client.query(`update transparency_leaves set entry = $2, leaf_hash = sha256('\\x00'::bytea || convert_to($2, 'UTF8')) where leaf_index = $1`, [leaf.leaf_index, leaf.entry]);
      });
    }
  });

  it('refuses checkpoints signed by another key than the one given', async () => {
    const other = verifierKey(parseSignerKey(generateSignerKey(ORIGIN)));
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'api/transparency/verify-custody.ts', '--url', baseUrl, '--key', other], { cwd: ROOT }).catch((error) => error);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/premier problème : point de contrôle n° 1 : note : aucune signature de la clé attendue/);
  });

  it('verifies one device’s history with its inclusion proofs (--device), for an account that may read it', async () => {
    const device = await wipedDevice();
    await signCheckpoint();
    const result = await verifyCustody(['--url', baseUrl, '--device', device.assetTag, '--token', await t.token('it_staff')]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`appareil ${device.assetTag}`);
  });
});

describe('personal data erased', () => {
  it('an RGPD erasure and the anonymisation job change no leaf and leave every proof valid', async () => {
    const before = await t.sql<{ leaf_index: string; leaf_hash: Buffer }>(`select leaf_index, leaf_hash from transparency_leaves order by leaf_index`);
    const refer = (lastName: string) =>
      t.auth('social_worker').then((auth) =>
        t.http.post('/api/referrals').set(auth).send({
          beneficiary: { firstName: 'Nadia', lastName, birthYear: 1971, postcode: '59100', commune: 'Roubaix', eligibility: 'rsa', phone: '06 12 34 56 78', consent: true },
          need: 'laptop',
        }),
      );
    const erasedPerson = await refer('Benali');
    expect(erasedPerson.status, JSON.stringify(erasedPerson.body)).toBe(201);
    const erased = await t.http.post(`/api/beneficiaries/${erasedPerson.body.beneficiary}/erase`).set(await t.auth('admin'));
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    const inactive = await refer('Inactive');
    const cancelled = await t.http.post(`/api/referrals/${inactive.body.id}/cancel`).set(await t.auth('social_worker')).send({ reason: 'need_already_met', note: 'Plus de besoin' });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    await t.sql(`update beneficiaries set last_activity_at = now() - interval '10 years' where id = $1`, [inactive.body.beneficiary]);
    const job = await t.http.post('/api/jobs/anonymise-inactive/run').set(await t.auth('admin'));
    expect(job.status).toBe(200);
    expect(JSON.stringify(job.body)).toMatch(/"anonymised":1/);
    const after = await t.sql<{ leaf_index: string; leaf_hash: Buffer }>(`select leaf_index, leaf_hash from transparency_leaves order by leaf_index`);
    expect(after.slice(0, before.length)).toEqual(before);
    await signCheckpoint();
    const { api, backup } = await bothWays();
    expect(api.code, api.stderr).toBe(0);
    expect(backup.code, backup.stderr).toBe(0);
  });
});

describe('npm run verify-custody on the documents issued', () => {
  it('recomputes a document leaf from the issued_documents table, and names the document whose recorded hash was rewritten', async () => {
    const tech = await t.auth('it_staff');
    const device = await newDevice();
    expect((await t.http.post(`/api/devices/${device.id}/no-storage`).set(tech)).status).toBe(200);
    const pdf = await t.http.get(`/api/devices/${device.id}/certificate.pdf`).set(tech).buffer(true).parse(binaryParser);
    expect(pdf.status).toBe(200);
    await signCheckpoint();
    const [document] = await t.sql<{ id: string; sha: string }>(`select id, encode(sha256, 'hex') as sha from issued_documents order by id desc limit 1`);
    const untouched = await bothWays();
    expect(untouched.api.code, untouched.api.stderr).toBe(0);
    expect(untouched.backup.code, untouched.backup.stderr).toBe(0);

    // a forged PDF made to pass for an issued one: its hash written over the issued file's
    const forged = createHash('sha256').update('un autre PDF').digest('hex');
    await asSuperuser((client) => client.query(`update issued_documents set sha256 = decode($1, 'hex') where id = $2`, [forged, document.id]).then(() => {}));
    try {
      const { api, backup } = await bothWays();
      for (const result of [api, backup]) {
        expect(result.code).toBe(1);
        expect(result.stderr).toMatch(new RegExp(`premier problème : feuille \\d+ \\(document émis ${document.id}\\) : l'enregistrement a été modifié — sha256 : "${document.sha}" dans le journal, "${forged}" maintenant`));
      }
    } finally {
      await asSuperuser((client) => client.query(`update issued_documents set sha256 = decode($1, 'hex') where id = $2`, [document.sha, document.id]).then(() => {}));
    }
  });
});
