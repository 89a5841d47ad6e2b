import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoApp, type DemoApp } from '../helpers/demo-app.js';
import { seedDemoIfEmpty } from '../../seeds/demo.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_TERRITORIES } from '../../seeds/DemoSeeder.js';
import { DEVICE_STATUSES, findTransition } from '../../api/devices/lifecycle.js';
import { checkAssetTag } from '../../api/devices/asset-tag.js';
import request from 'supertest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createHash } from 'node:crypto';
import { binaryParser } from '../helpers/app.js';
import { leafHash, verifyInclusion } from '../../api/transparency/merkle.js';
import { generateSignerKey } from '../../api/transparency/signed-note.js';

let orm: MikroORM;
let app: DemoApp['app'];
beforeAll(async () => {
  ({ orm, app } = await createDemoApp({ TRANSPARENCY_SIGNING_KEY: generateSignerKey('demo.reemploi.test/custody') }, { documents: true }));
}, 120_000);
afterAll(() => orm.close());

const sql = <T>(text: string) => orm.em.getConnection().execute<T[]>(text);
const TABLES = ['users', 'devices', 'events', 'beneficiaries', 'referrals', 'allocations', 'certificates', 'batches', 'agreements'];
const rowCounts = () => Promise.all(TABLES.map(async (table) => [table, (await sql<{ n: number }>(`select count(*)::int as n from ${table}`))[0].n]));

async function signIn(email: string) {
  const response = await request(app).post('/api/auth/login').send({ email, password: DEMO_PASSWORD });
  expect(response.status, email).toBe(200);
  return { Authorization: `Bearer ${response.body.token}` };
}

describe('demo data', () => {
  it('loads only into an empty database: a second run on the demo database adds nothing', async () => {
    const before = await rowCounts();
    expect(await seedDemoIfEmpty(orm.em.fork())).toBe(false);
    expect(await rowCounts()).toEqual(before);
  });

  it('has one account per role, all opening with the demo password', async () => {
    expect(new Set(DEMO_ACCOUNTS.map((account) => account.role)).size).toBe(5);
    for (const account of DEMO_ACCOUNTS) {
      const response = await request(app).post('/api/auth/login').send({ email: account.email, password: DEMO_PASSWORD });
      expect(response.status, account.email).toBe(200);
      expect(response.body.user.role).toBe(account.role);
    }
    const social = DEMO_ACCOUNTS.find((account) => account.role === 'social_worker')!;
    expect(social).toMatchObject({ email: 'social@demo.reemploi.fr', territory: 'UTPAS Roubaix' });
    // the logins the README lists
    expect(DEMO_ACCOUNTS.slice(0, 5).map((account) => account.email)).toEqual([
      'admin@demo.reemploi.fr', 'technicien@demo.reemploi.fr', 'emmaus@demo.reemploi.fr', 'social@demo.reemploi.fr', 'pilotage@demo.reemploi.fr',
    ]);
  });

  it('has one social worker per territory, each seeing only their territory', async () => {
    const workers = DEMO_ACCOUNTS.filter((account) => account.role === 'social_worker');
    expect(workers.map((account) => account.territory).sort()).toEqual(DEMO_TERRITORIES.map((territory) => territory.name).sort());
    for (const worker of workers) {
      const response = await request(app).get('/api/referrals').query({ range: '[0,199]' }).set(await signIn(worker.email));
      expect(response.status).toBe(200);
      const [{ n }] = await sql<{ n: number }>(`select count(*)::int as n from referrals where territory = '${worker.territory}'`);
      expect(response.body.length, worker.email).toBe(n);
      expect(n, worker.email).toBeGreaterThan(0);
      expect(new Set(response.body.map((referral: { territory: string }) => referral.territory))).toEqual(new Set([worker.territory]));
    }
  });

  it('spreads residents, referrals and allocations over several territories, unevenly', async () => {
    const rows = await sql<{ territory: string; referrals: number; allocations: number; residents: number; wrong_referrer: number; wrong_commune: number }>(
      `select r.territory, count(*)::int as referrals, count(a.id)::int as allocations, count(distinct r.beneficiary_id)::int as residents,
              count(*) filter (where u.role <> 'social_worker' or u.territory <> r.territory)::int as wrong_referrer,
              count(*) filter (where b.territory <> r.territory)::int as wrong_commune
         from referrals r join users u on u.id = r.referrer_id join beneficiaries b on b.id = r.beneficiary_id
         left join allocations a on a.referral_id = r.id
        group by r.territory order by referrals desc`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(4);
    expect(rows.filter((row) => row.allocations > 0).length).toBeGreaterThanOrEqual(4);
    for (const row of rows) expect({ ...row, wrong_referrer: 0, wrong_commune: 0 }).toEqual(row);
    const total = rows.reduce((sum, row) => sum + row.referrals, 0);
    expect(rows[0].referrals, 'no territory has most of the referrals').toBeLessThan(total / 2);
    expect(rows[0].referrals, 'volumes differ between territories').toBeGreaterThan(2 * rows[rows.length - 1].referrals);
    const names = await sql<{ n: number }>(`select count(distinct (first_name, last_name))::int as n from beneficiaries`);
    expect(names).toEqual([{ n: total }]);
  });

  it('breaks the steering reports down by territory: one line per demo territory', async () => {
    const viewer = await signIn('pilotage@demo.reemploi.fr');
    const territories = await request(app).get('/api/reports/territories').set(viewer);
    expect(territories.status).toBe(200);
    const names = DEMO_TERRITORIES.map((territory) => territory.name).sort(new Intl.Collator('fr').compare);
    expect(territories.body).toEqual(names.map((name) => ({ id: name, name })));

    // the demo's whole history: devices were registered within the last eighteen months
    const year = new Date().getFullYear();
    const period = { from: `${year - 2}-01-01`, to: `${year}-12-31` };
    const summary = await request(app).get('/api/reports/summary').query(period).set(viewer);
    expect(summary.status).toBe(200);
    const byTerritory: { territory: string; referrals: number; devicesAllocated: number; revenueEur: number }[] = summary.body.byTerritory;
    expect(byTerritory.map((row) => row.territory)).toEqual(names);
    expect(byTerritory.filter((row) => row.referrals > 0 && row.devicesAllocated > 0 && row.revenueEur > 0).length).toBeGreaterThanOrEqual(4);
    const [{ referrals, allocations }] = await sql<{ referrals: number; allocations: number }>(
      `select (select count(*)::int from referrals) as referrals, (select count(*)::int from allocations) as allocations`,
    );
    expect(byTerritory.reduce((sum, row) => sum + row.referrals, 0)).toBe(referrals);
    expect(byTerritory.reduce((sum, row) => sum + row.devicesAllocated, 0)).toBe(allocations);

    const lille = await request(app).get('/api/reports/summary').query({ ...period, territory: 'UTPAS Lille' }).set(viewer);
    expect(lille.body.byTerritory).toEqual([byTerritory.find((row) => row.territory === 'UTPAS Lille')]);
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

  it('dates every referral before its acceptance, allocation and closing', async () => {
    const wrong = await sql<{ id: number }>(
      `select r.id from referrals r left join allocations a on a.referral_id = r.id
        where r.accepted_at < r.created_at or r.closed_at <= r.created_at or r.accepted_at > now() or r.closed_at > now()
           or a.allocated_at <= r.accepted_at or (a.id is not null and r.closed_at <> a.allocated_at)
           or (r.status in ('submitted', 'accepted')) <> (r.closed_at is null)`,
    );
    expect(wrong).toEqual([]);
  });

  it('hands a batch over whole at its pickup: every device put in before the batch was ready, handed over at the pickup time', async () => {
    const pickups = await sql<{ reference: string; status: string; devices: number; at_pickup: number; late_in_batch: number }>(
      `select b.reference, b.status,
              count(distinct e.device_id)::int as devices,
              count(*) filter (where e.to_status = 'handed_over' and e.at = b.picked_up_at)::int as at_pickup,
              count(*) filter (where e.to_status = 'in_batch' and e.at > b.ready_at)::int as late_in_batch
       from batches b join events e on e.details->>'batch' = b.reference
       where b.picked_up_at is not null group by b.id order by b.picked_up_at`,
    );
    // about one pickup every four weeks over the last eighteen months, each with its devices
    expect(pickups.length).toBeGreaterThanOrEqual(12);
    for (const pickup of pickups) {
      expect(pickup.devices, pickup.reference).toBeGreaterThan(0);
      expect(pickup, pickup.reference).toMatchObject({ at_pickup: pickup.devices, late_in_batch: 0 });
    }
    const months = await sql<{ n: number }>(`select count(distinct date_trunc('month', picked_up_at))::int as n from batches`);
    expect(months[0].n).toBeGreaterThanOrEqual(12);
    // nothing happened in the future, and each history is in time order
    expect(await sql(`select id from events where at > now()`)).toEqual([]);
    expect(await sql(`select id from (select id, at < lag(at) over (partition by device_id order by id) as earlier from events) e where earlier`)).toEqual([]);
  });

  it('grades every device the partner refurbished, in the device and in its refurbishment event', async () => {
    const ungraded = await sql(`select asset_tag from devices where status in ('refurbished', 'allocated') and refurbished_grade is null`);
    expect(ungraded).toEqual([]);
    const eventsWithoutGrade = await sql(`select id from events where to_status = 'refurbished' and details->>'grade' is null`);
    expect(eventsWithoutGrade).toEqual([]);
  });

  it('gives each resident an eligibility that fits their age (ASPA from 65, « jeune en insertion » under 26)', async () => {
    const misfits = await sql(
      `select first_name, birth_year, eligibility from beneficiaries
       where (eligibility = 'aspa' and extract(year from created_at) - birth_year < 65)
          or (eligibility = 'young_insertion' and extract(year from created_at) - birth_year >= 26)`,
    );
    expect(misfits).toEqual([]);
  });

  it('dates each storage medium when it was added in its device’s history', async () => {
    const mismatched = await sql(
      `select m.serial_number from media m join events e on e.device_id = m.device_id and e.type = 'medium_added' and e.details->>'serialNumber' = m.serial_number
       where m.created_at <> e.at`,
    );
    expect(mismatched).toEqual([]);
    expect((await sql<{ n: number }>(`select count(*)::int as n from media where created_at > now() - interval '1 hour'`))[0].n).toBe(0);
  });

  it('continues the asset tag sequence after the demo devices', async () => {
    const [{ max }] = await sql<{ max: string }>(`select max(asset_tag) as max from devices`);
    const [{ next }] = await sql<{ next: string }>(`select nextval('asset_tag_seq') as next`);
    expect(Number(next)).toBe(Number(max.slice(5, 11)) + 1);
  });

  it('issues its certificates and manifests as a download would, so that a demo certificate’s PDF is found by its hash with an inclusion proof', async () => {
    const [issued] = await sql<{ certificates: number; manifests: number; certified: number; batches: number }>(
      `select (select count(*)::int from issued_documents where kind = 'certificate') as certificates, (select count(*)::int from issued_documents where kind = 'manifest') as manifests,
              (select count(distinct device_id)::int from certificates) as certified, (select count(*)::int from batches where status <> 'draft') as batches`,
    );
    expect(issued.certificates).toBe(issued.certified);
    expect(issued.manifests).toBe(issued.batches);
    expect(issued.batches).toBeGreaterThan(0);

    const admin = await signIn(DEMO_ACCOUNTS.find((account) => account.role === 'admin')!.email);
    const [device] = await sql<{ id: number; certificate_number: string }>(`select id, certificate_number from devices where status = 'handed_over' and certificate_number is not null order by id limit 1`);
    const [batch] = await sql<{ id: number; reference: string }>(`select id, reference from batches where status in ('picked_up', 'closed') order by id limit 1`);
    const downloads = [
      { path: `/api/devices/${device.id}/certificate.pdf`, kind: 'certificate', reference: device.certificate_number },
      { path: `/api/batches/${batch.id}/manifest.pdf`, kind: 'manifest', reference: batch.reference },
    ];
    const hashes: string[] = [];
    for (const download of downloads) {
      const pdf = await request(app).get(download.path).set(admin).buffer(true).parse(binaryParser);
      expect(pdf.status, download.path).toBe(200);
      hashes.push(createHash('sha256').update(pdf.body as Buffer).digest('hex'));
    }
    // the files downloaded are the ones the seed issued: no new document
    expect((await sql<{ n: number }>(`select count(*)::int as n from issued_documents`))[0].n).toBe(issued.certificates + issued.manifests);

    expect((await request(app).post('/api/jobs/sign-checkpoint/run').set(admin)).status).toBe(200);
    for (const [i, download] of downloads.entries()) {
      const found = await request(app).get(`/api/transparency/documents/${hashes[i]}`);
      expect(found.status, download.path).toBe(200);
      expect(found.body).toMatchObject({ sha256: hashes[i], kind: download.kind, reference: download.reference, inclusion: { leafIndex: found.body.leafIndex } });
      const { inclusion } = found.body as { entry: string; inclusion: { leafIndex: number; checkpoint: { treeSize: number; rootHash: string }; proof: string[] } };
      expect(JSON.parse(found.body.entry)).toMatchObject({ kind: 'document', sha256: hashes[i] });
      const proved = verifyInclusion(inclusion.leafIndex, inclusion.checkpoint.treeSize, leafHash(found.body.entry), inclusion.proof.map((hash) => Buffer.from(hash, 'base64')), Buffer.from(inclusion.checkpoint.rootHash, 'base64'));
      expect(proved, download.path).toBe(true);
    }
  });
});
