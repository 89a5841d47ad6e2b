import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../helpers/app.js';
import { initOrm } from '../../api/db/orm.js';
import { seedDemoIfEmpty } from '../../seeds/demo.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../seeds/DemoSeeder.js';
import { DEVICE_STATUSES, findTransition } from '../../api/devices/lifecycle.js';
import { checkAssetTag } from '../../api/devices/asset-tag.js';
import { createApp } from '../../api/app.js';
import { loadConfig } from '../../api/config.js';
import { pino } from 'pino';
import request from 'supertest';
import type { MikroORM } from '@mikro-orm/postgresql';

let orm: MikroORM;
let url: string;
beforeAll(async () => {
  url = await createTestDatabase();
  orm = await initOrm(url);
  expect(await seedDemoIfEmpty(orm.em.fork())).toBe(true);
});
afterAll(() => orm.close());

const sql = <T>(text: string) => orm.em.getConnection().execute<T[]>(text);

describe('demo data', () => {
  it('loads only into an empty database', async () => {
    expect(await seedDemoIfEmpty(orm.em.fork())).toBe(false);
  });

  it('has one account per role, all opening with the demo password', async () => {
    const app = createApp({ orm, config: loadConfig({ DATABASE_URL: url, JWT_SECRET: 'demo-test-secret-0123456789abcdefghij' }), logger: pino({ level: 'silent' }) });
    expect(new Set(DEMO_ACCOUNTS.map((account) => account.role)).size).toBe(5);
    for (const account of DEMO_ACCOUNTS) {
      const response = await request(app).post('/api/auth/login').send({ email: account.email, password: DEMO_PASSWORD });
      expect(response.status, account.email).toBe(200);
      expect(response.body.user.role).toBe(account.role);
    }
    const social = DEMO_ACCOUNTS.find((account) => account.role === 'social_worker')!;
    expect(social).toMatchObject({ email: 'social@demo.reemploi.fr', territory: 'UTPAS Roubaix' });
  });

  it('spreads about 300 devices over every lifecycle state', async () => {
    const rows = await sql<{ status: string; n: number }>(`select status, count(*)::int as n from devices group by status`);
    const total = rows.reduce((sum, row) => sum + row.n, 0);
    expect(total).toBeGreaterThanOrEqual(280);
    expect(total).toBeLessThanOrEqual(320);
    expect(rows.map((row) => row.status).sort()).toEqual([...DEVICE_STATUSES].sort());
  });

  it('gives every device a valid asset tag and a history that follows the lifecycle to its status', async () => {
    const devices = await sql<{ id: number; asset_tag: string; status: string }>(`select id, asset_tag, status from devices`);
    const events = await sql<{ device_id: number; from_status: string; to_status: string }>(
      `select device_id, from_status, to_status from events where type = 'transition' order by device_id, at, id`,
    );
    const byDevice = new Map<number, { from_status: string; to_status: string }[]>();
    for (const event of events) byDevice.set(event.device_id, [...(byDevice.get(event.device_id) ?? []), event]);
    for (const device of devices) {
      expect(checkAssetTag(device.asset_tag).valid).toBe(true);
      let status = 'registered';
      for (const event of byDevice.get(device.id) ?? []) {
        expect(event.from_status).toBe(status);
        expect(findTransition(event.from_status as never, event.to_status as never), `${event.from_status}→${event.to_status}`).toBeDefined();
        status = event.to_status;
      }
      expect(status, device.asset_tag).toBe(device.status);
    }
  });

  it('backs every certified device with its wipe records and a verifiable certificate', async () => {
    const rows = await sql<{ asset_tag: string; status: string; certificate_number: string | null; number: string | null; records: number; no_storage: boolean }>(
      `select d.asset_tag, d.status, d.certificate_number, c.number, jsonb_array_length(coalesce(c.sanitization_ids, '[]'::jsonb)) as records, d.no_storage
         from devices d left join certificates c on c.device_id = d.id
        where d.status not in ('registered', 'quarantined', 'withdrawn')`,
    );
    expect(rows.length).toBeGreaterThan(100);
    for (const row of rows) {
      expect(String(row.certificate_number), JSON.stringify(row)).toMatch(/^CS-\d{4}-\d{6}-[A-Z2-9]{4}$/);
      expect(row.number).toBe(row.certificate_number);
      expect(row.records > 0 || row.no_storage, row.asset_tag).toBe(true);
    }
    const quarantined = await sql<{ n: number }>(
      `select count(*)::int as n from devices d where d.status = 'quarantined'
          and not exists (select 1 from sanitizations s where s.device_id = d.id and s.result = 'failure')`,
    );
    expect(quarantined).toEqual([{ n: 0 }]);
  });

  it('gives every allocated device its allocation to an equipped referral, under the agreement caps', async () => {
    const orphans = await sql<{ n: number }>(
      `select count(*)::int as n from devices d where d.status = 'allocated' and not exists (select 1 from allocations a where a.device_id = d.id)`,
    );
    expect(orphans).toEqual([{ n: 0 }]);
    const aboveCap = await sql<{ n: number }>(
      `select count(*)::int as n from allocations a join devices d on d.id = a.device_id join agreements g on g.id = a.agreement_id
        where a.price_cents > (g.price_caps ->> d.type)::numeric * 100`,
    );
    expect(aboveCap).toEqual([{ n: 0 }]);
    const open = await sql<{ status: string }>(`select distinct status from referrals order by 1`);
    expect(open.map((row) => row.status)).toEqual(['accepted', 'cancelled', 'equipped', 'expired', 'refused', 'submitted']);
  });

  it('continues the asset tag sequence after the demo devices', async () => {
    const [{ max }] = await sql<{ max: string }>(`select max(asset_tag) as max from devices`);
    const [{ next }] = await sql<{ next: string }>(`select nextval('asset_tag_seq') as next`);
    expect(Number(next)).toBe(Number(max.slice(5, 11)) + 1);
  });
});
