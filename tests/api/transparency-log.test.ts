import { spawn } from 'node:child_process';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { entryText, entryTime, type LogEntry } from '../../api/transparency/entries.js';
import { leafHash } from '../../api/transparency/merkle.js';
import { BACKFILL_LEAVES } from '../../migrations/Migration20261207070000_transparency_log.js';

/**
 * The leaves of the transparency log: one per custody event, wipe record and certificate, appended
 * by the database in the record's own transaction, with consecutive indexes whatever the number
 * of concurrent writers, and entries the verifier can rebuild byte for byte from the records.
 */
let t: TestApp;
const SITE = 'Dépôt DSI — Lille';
let serial = 0;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function newDevice(role: 'admin' | 'it_staff' = 'it_staff') {
  const created = await t.http.post('/api/devices').set(await t.auth(role)).send({ type: 'laptop', originSite: SITE, serialNumber: `LOG-${++serial}-${process.pid}` });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body as { id: number; assetTag: string };
}

async function wipedDevice() {
  const device = await newDevice();
  const disk = await t.http.post('/api/media').set(await t.auth('it_staff')).send({ device: device.id, kind: 'ssd', serialNumber: `LOG-DISK-${serial}-${process.pid}` });
  expect(disk.status, JSON.stringify(disk.body)).toBe(201);
  const wipe = await t.http.post('/api/sanitizations').set(await t.auth('it_staff')).send({
    medium: disk.body.id, technique: 'overwrite_prng', tool: 'nwipe', startedAt: '2026-11-20T09:00:00+01:00', finishedAt: '2026-11-20T10:00:00+01:00', passes: 1, verification: 'last_pass', result: 'success',
  });
  expect(wipe.status, JSON.stringify(wipe.body)).toBe(201);
  return device;
}

/** Every record's entry, rebuilt in TypeScript from the tables (the verifier's way), by kind and id. */
async function entriesFromRecords(): Promise<Map<string, LogEntry>> {
  const entries = new Map<string, LogEntry>();
  for (const row of await t.sql<{ id: string; asset_tag: string; type: string; from_status: string | null; to_status: string | null; site: string | null; actor_id: number; at: Date }>(
    `select e.id, d.asset_tag, e.type, e.from_status, e.to_status, e.site, e.actor_id, e.at from events e join devices d on d.id = e.device_id`,
  )) {
    entries.set(`event:${row.id}`, { kind: 'event', id: Number(row.id), assetTag: row.asset_tag, type: row.type, from: row.from_status, to: row.to_status, site: row.site, actor: row.actor_id, at: entryTime(row.at) });
  }
  for (const row of await t.sql<{ id: number; asset_tag: string; serial_number: string; category: string; technique: string; verification: string; result: string; operator_id: number; finished_at: Date }>(
    `select s.id, d.asset_tag, m.serial_number, s.category, s.technique, s.verification, s.result, s.operator_id, s.finished_at from sanitizations s join devices d on d.id = s.device_id join media m on m.id = s.medium_id`,
  )) {
    entries.set(`sanitization:${row.id}`, { kind: 'sanitization', id: row.id, assetTag: row.asset_tag, medium: row.serial_number, category: row.category, technique: row.technique, verification: row.verification, result: row.result, actor: row.operator_id, at: entryTime(row.finished_at) });
  }
  for (const row of await t.sql<{ id: number; asset_tag: string; method_summary: string; issued_by_id: number; issued_at: Date }>(
    `select c.id, d.asset_tag, c.method_summary, c.issued_by_id, c.issued_at from certificates c join devices d on d.id = c.device_id`,
  )) {
    entries.set(`certificate:${row.id}`, { kind: 'certificate', id: row.id, assetTag: row.asset_tag, method: row.method_summary, actor: row.issued_by_id, at: entryTime(row.issued_at) });
  }
  return entries;
}

const leaves = () => t.sql<{ leaf_index: string; kind: string; record_id: string; entry: string; leaf_hash: Buffer }>(`select leaf_index, kind, record_id, entry, leaf_hash from transparency_leaves order by leaf_index`);

async function expectWholeLog() {
  const rows = await leaves();
  expect(rows.map((row) => Number(row.leaf_index))).toEqual(rows.map((_row, position) => position));
  const records = await entriesFromRecords();
  expect(rows).toHaveLength(records.size);
  for (const row of rows) {
    const record = records.get(`${row.kind}:${row.record_id}`);
    expect(record, `leaf ${row.leaf_index}`).toBeDefined();
    expect(row.entry, `leaf ${row.leaf_index}`).toBe(entryText(record!));
    expect(row.leaf_hash.equals(leafHash(row.entry)), `leaf ${row.leaf_index} hash`).toBe(true);
  }
  return rows;
}

describe('the transparency log’s leaves', () => {
  it('appends one leaf per event, wipe record and certificate, whose entry the verifier rebuilds byte for byte from the record', async () => {
    const device = await wipedDevice();
    const rows = await expectWholeLog();
    const kinds = new Set(rows.map((row) => row.kind));
    expect(kinds).toEqual(new Set(['event', 'sanitization', 'certificate']));
    const certificate = rows.find((row) => row.kind === 'certificate')!;
    expect(JSON.parse(certificate.entry)).toMatchObject({ kind: 'certificate', assetTag: device.assetTag });
    const transition = rows.map((row) => JSON.parse(row.entry)).find((entry) => entry.kind === 'event' && entry.to === 'sanitized');
    expect(transition).toMatchObject({ assetTag: device.assetTag, from: expect.any(String), type: expect.any(String) });
  });

  it('holds no personal data: no name or e-mail of the actors in any entry', async () => {
    const rows = await leaves();
    const people = await t.sql<{ name: string; email: string }>(`select name, email from users`);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      for (const person of people) {
        expect(row.entry).not.toContain(person.name);
        expect(row.entry).not.toContain(person.email);
      }
    }
  });

  it('gives consecutive indexes, no gap and no duplicate, to many concurrent writers, failed ones included', async () => {
    const before = (await leaves()).length;
    const auth = await t.auth('it_staff');
    const attempts = Array.from({ length: 40 }, (_, i) =>
      // one in four is refused (a serial number already registered): it must take no index
      t.http.post('/api/devices').set(auth).send({ type: 'laptop', originSite: SITE, serialNumber: i % 4 === 3 ? `LOG-${serial}-${process.pid}` : `LOG-PAR-${i}-${process.pid}` }),
    );
    const answers = await Promise.all(attempts);
    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(30);
    const rows = await expectWholeLog();
    expect(rows.length).toBeGreaterThanOrEqual(before + 30);
  });

  it('keeps consecutive indexes with writers on many database connections at once, a rolled-back one among them', async () => {
    const device = await newDevice();
    const [actor] = await t.sql<{ id: number }>(`select id from users where role = 'it_staff'`);
    const clients = await Promise.all(Array.from({ length: 8 }, async () => {
      const client = new pg.Client({ connectionString: t.databaseUrl });
      await client.connect();
      return client;
    }));
    try {
      await Promise.all(clients.map(async (client, i) => {
        await client.query('begin');
        for (let n = 0; n < 5; n++) await client.query(`insert into events (device_id, type, actor_id, site) values ($1, 'moved', $2, $3)`, [device.id, actor.id, `${SITE} ${i}-${n}`]);
        await client.query(i === 5 ? 'rollback' : 'commit');
      }));
    } finally {
      await Promise.all(clients.map((client) => client.end()));
    }
    const rows = await expectWholeLog();
    const sites = rows.map((row) => JSON.parse(row.entry)).filter((entry) => entry.kind === 'event' && entry.site?.startsWith(`${SITE} `));
    expect(sites).toHaveLength(35);
    expect(sites.some((entry) => entry.site.startsWith(`${SITE} 5-`))).toBe(false);
  });

  it('leaves neither record nor leaf when the writer is killed (SIGKILL) before its commit', async () => {
    const device = await newDevice();
    const [actor] = await t.sql<{ id: number }>(`select id from users where role = 'it_staff'`);
    const script = `
      const pg = require('pg');
      const client = new pg.Client({ connectionString: process.env.URL });
      client.connect().then(async () => {
        await client.query('begin');
        await client.query("insert into events (device_id, type, actor_id, site) values ($1, 'moved', $2, 'killed before commit')", [${device.id}, ${actor.id}]);
        process.stdout.write('inserted\\n');
        await new Promise(() => {});
      });`;
    const child = spawn(process.execPath, ['-e', script], { env: { ...process.env, URL: t.databaseUrl }, stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('inserted') && resolve()));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('exit', resolve));
    // the server notices the dropped connection and rolls back; wait until the backend is gone
    await expect.poll(async () => (await t.sql(`select 1 from pg_stat_activity where datname = current_database() and state = 'idle in transaction'`)).length, { timeout: 10_000 }).toBe(0);
    expect(await t.sql(`select 1 from events where site = 'killed before commit'`)).toHaveLength(0);
    await expectWholeLog();
  });

  it('logs a record as committed when its transaction completes it after inserting it (as the demo seed does)', async () => {
    const device = await newDevice();
    const [actor] = await t.sql<{ id: number }>(`select id from users where role = 'it_staff'`);
    const client = new pg.Client({ connectionString: t.databaseUrl });
    await client.connect();
    try {
      await client.query('begin');
      const { rows } = await client.query<{ id: number }>(
        `insert into certificates (number, device_id, issued_by_id, sanitization_ids, method_summary) values ($1, $2, $3, '[]', '') returning id`,
        [`LOG-CERT-${process.pid}`, device.id, actor.id],
      );
      await client.query(`update certificates set method_summary = 'Aucun support de stockage (rien à effacer)' where id = $1`, [rows[0].id]);
      await client.query('commit');
      const [leaf] = await t.sql<{ entry: string }>(`select entry from transparency_leaves where kind = 'certificate' and record_id = $1`, [rows[0].id]);
      expect(JSON.parse(leaf.entry).method).toBe('Aucun support de stockage (rien à effacer)');
    } finally {
      await client.end();
    }
    await expectWholeLog();
  });

  it('refuses to rewrite or delete a leaf', async () => {
    await expect(t.sql(`update transparency_leaves set entry = '{}' where leaf_index = 0`)).rejects.toThrow(/append-only/);
    await expect(t.sql(`delete from transparency_leaves where leaf_index = 0`)).rejects.toThrow(/append-only/);
  });

  it('gives existing records their leaves in the order of their times and ids (the migration’s backfill, replayed)', async () => {
    const client = new pg.Client({ connectionString: t.databaseUrl });
    await client.connect();
    try {
      await client.query('begin');
      // as the database superuser, bypassing the append-only trigger: the state before the migration
      await client.query('set local session_replication_role = replica');
      await client.query('delete from transparency_leaves');
      await client.query(BACKFILL_LEAVES);
      const { rows } = await client.query<{ leaf_index: string; entry: string }>(`select leaf_index, entry from transparency_leaves order by leaf_index`);
      expect(rows.map((row) => Number(row.leaf_index))).toEqual(rows.map((_row, position) => position));
      expect(new Set(rows.map((row) => row.entry))).toEqual(new Set([...(await entriesFromRecords()).values()].map(entryText)));
      const events = rows.map((row) => JSON.parse(row.entry) as { at: string; kind: string; id: number }).filter((entry) => entry.kind === 'event');
      const inTimeOrder = (await client.query<{ id: string }>(`select id from events order by at, id`)).rows.map((row) => Number(row.id));
      expect(events.map((entry) => entry.id)).toEqual(inTimeOrder);
      await client.query('rollback');
    } finally {
      await client.end();
    }
  });
});
