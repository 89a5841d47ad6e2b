import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.js';
import { BackupFileError, extractArchive, writeArchive } from '../../api/backup/archive.js';
import { createBackup } from '../../api/backup/backup.js';
import type { Manifest } from '../../api/backup/manifest.js';
import { restoreBackup, RestoreRefusedError } from '../../api/backup/restore.js';
import { loadConfig } from '../../api/config.js';
import { databaseUrl, startEmbeddedPostgres } from '../../api/db/embedded-postgres.js';
import { initOrm } from '../../api/db/orm.js';
import { seedFactors } from '../../seeds/factors.js';
import { createTestApp, TEST_PASSWORD, TEST_USERS, type TestApp } from '../helpers/app.js';
import { ROOT, TEST_JWT_SECRET } from '../helpers/server-process.js';

/**
 * `npm run backup` / `npm run restore`: data created through the API is backed up, restored into
 * a fresh database and found again row for row; the restored database works (login, public
 * certificate check, new devices); damaged files and non-empty targets are refused without writing.
 */
let t: TestApp;
const WORK = path.join(ROOT, 'tests/.tmp', `backup-${process.pid}`);
const SITE = 'Dépôt DSI — Lille';
const TRICKY_NOTES = 'ligne 1\nligne 2\ttabulation \\ antislash « guillemets » 😀 \\N pas nul';
let certificateNumber: string;
let backupFile: string;
const restoredName = `reemploi_restored_${process.pid}`;
let restoredUrl: string;

function cli(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'api/backup/cli.ts', ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

async function query<T = Record<string, unknown>>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Every row of every table, as JSON text in a stable order: two databases with equal snapshots hold the same data. */
async function snapshot(url: string): Promise<Record<string, string[]>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`set timezone = 'UTC'`);
    const tables = (await client.query<{ name: string }>(`select tablename as name from pg_tables where schemaname = 'public' and tablename <> 'mikro_orm_migrations' order by 1`)).rows;
    const result: Record<string, string[]> = {};
    for (const { name } of tables) result[name] = (await client.query<{ row: string }>(`select row_to_json(t)::text as row from "${name}" t order by 1`)).rows.map((row) => row.row);
    const sequences = (await client.query<{ name: string }>(`select relname as name from pg_class where relkind = 'S' and relnamespace = 'public'::regnamespace order by 1`)).rows;
    for (const { name } of sequences) result[`sequence ${name}`] = (await client.query<{ row: string }>(`select row_to_json(s)::text as row from (select last_value, is_called from "${name}") s`)).rows.map((row) => row.row);
    result['migrations'] = (await client.query<{ row: string }>(`select row_to_json(m)::text as row from mikro_orm_migrations m order by id`)).rows.map((row) => row.row);
    result['migrations table'] = (
      await client.query<{ row: string }>(
        `select row_to_json(c)::text as row from (select column_name, data_type, column_default, is_nullable from information_schema.columns where table_name = 'mikro_orm_migrations' order by ordinal_position) c`,
      )
    ).rows.map((row) => row.row);
    return result;
  } finally {
    await client.end();
  }
}

const databaseExists = async (name: string) => (await query(t.databaseUrl, `select 1 from pg_database where datname = $1`, [name])).length > 0;
const freshUrl = (name: string) => databaseUrl(t.databaseUrl, name);

/** A copy of the backup with its data changed, the manifest's checksums recomputed or not. */
async function alteredBackup(name: string, change: (table: string, data: string) => string, recomputeChecksums: boolean): Promise<string> {
  const dir = mkdtempSync(path.join(WORK, 'alter-'));
  const entries = await extractArchive(backupFile, dir);
  const manifest = JSON.parse(readFileSync(entries.get('manifest.json')!.path, 'utf8')) as Manifest;
  const files = manifest.tables.map((table) => {
    const file = entries.get(table.file)!.path;
    const data = readFileSync(file, 'utf8');
    const changed = change(table.name, data);
    if (changed !== data) {
      writeFileSync(file, changed);
      if (recomputeChecksums) {
        table.sha256 = createHash('sha256').update(changed).digest('hex');
        table.bytes = Buffer.byteLength(changed);
      }
    }
    return { name: table.file, source: file };
  });
  const out = path.join(WORK, name);
  await writeArchive(out, [{ name: 'manifest.json', source: Buffer.from(JSON.stringify(manifest)) }, ...files]);
  return out;
}

beforeAll(async () => {
  mkdirSync(WORK, { recursive: true });
  t = await createTestApp();
  await seedFactors(t.orm.em.fork());
  const tech = await t.auth('it_staff');
  const admin = await t.auth('admin');
  const partner = await t.auth('partner');
  const year = new Date().getFullYear();

  // devices: an import, one registered by hand with awkward text, a wiped laptop, certified monitors
  const csv = ['Nom;Numéro de série;Fabricant;Modèle;Type;Lieu', ...Array.from({ length: 40 }, (_, i) => `PC-${i};BKP-${i};HP;ProBook 640;Portable;${SITE}`)].join('\n');
  expect((await t.http.post('/api/devices/import').set(tech).set('Content-Type', 'text/csv').send(csv)).body.created).toBe(40);
  expect((await t.http.post('/api/devices').set(tech).send({ type: 'desktop', originSite: SITE, serialNumber: 'BKP-NOTES', notes: TRICKY_NOTES })).status).toBe(201);
  const laptop = (await t.http.post('/api/devices').set(tech).send({ type: 'laptop', brand: 'Dell', originSite: SITE, serialNumber: 'BKP-LAPTOP' })).body;
  const medium = (await t.http.post('/api/media').set(tech).send({ device: laptop.id, kind: 'ssd', serialNumber: 'BKP-SSD-1', capacityGb: 256 })).body;
  const wiped = await t.http.post('/api/sanitizations').set(tech).send({
    medium: medium.id, technique: 'overwrite_prng', tool: 'nwipe', toolVersion: '0.35', startedAt: '2026-11-20T09:00:00+01:00',
    finishedAt: '2026-11-20T10:30:00+01:00', passes: 1, verification: 'last_pass', result: 'success',
  });
  expect(wiped.status, JSON.stringify(wiped.body)).toBe(201);
  const monitors = [];
  for (let i = 0; i < 3; i++) {
    const monitor = (await t.http.post('/api/devices').set(tech).send({ type: 'monitor', originSite: SITE, serialNumber: `BKP-MON-${i}` })).body;
    monitors.push((await t.http.post(`/api/devices/${monitor.id}/no-storage`).set(tech)).body);
  }
  certificateNumber = (await t.http.get(`/api/devices/${laptop.id}`).set(tech)).body.certificateNumber;
  expect(certificateNumber).toMatch(/^CS-/);

  // a batch picked up by the partner, one device refurbished
  const batch = (await t.http.post('/api/batches').set(tech).send({ site: SITE })).body;
  await t.http.post(`/api/batches/${batch.id}/devices`).set(tech).send({ ids: monitors.map((monitor) => monitor.id) });
  await t.http.post(`/api/batches/${batch.id}/ready`).set(tech);
  expect((await t.http.post(`/api/batches/${batch.id}/pickup`).set(partner).send({ scanned: monitors.map((monitor) => monitor.assetTag) })).status).toBe(200);
  expect((await t.http.post('/api/devices/outcomes').set(partner).send({ assetTags: [monitors[0].assetTag], to: 'refurbished', grade: 'A' })).status).toBe(200);

  // a referral, accepted and equipped (an allocation), its person read (access log)
  expect((await t.http.post('/api/agreements').set(admin).send({
    partner: 'Emmaüs Connect', startsOn: `${year}-01-01`, endsOn: `${year}-12-31`, devicesCommitted: 100, residentsCommitted: 60, trainingsCommitted: 30,
    priceCaps: { laptop: 150, monitor: 30 }, reuseCommitmentRef: 'Convention test',
  })).status).toBe(201);
  const referral = (await t.http.post('/api/referrals').set(await t.auth('social_worker')).send({
    beneficiary: { firstName: 'Aïcha', lastName: 'Sauvegarde', birthYear: 1975, postcode: '59100', commune: 'Roubaix', eligibility: 'rsa', consent: true }, need: 'monitor', trainingWanted: true,
  })).body;
  await t.http.get(`/api/beneficiaries/${referral.beneficiary}`).set(await t.auth('social_worker'));
  expect((await t.http.post(`/api/referrals/${referral.id}/accept`).set(partner)).status).toBe(200);
  const allocation = await t.http.post('/api/allocations').set(partner).set('Idempotency-Key', 'backup-test-allocation-1').send({ device: monitors[0].id, referral: referral.id, price: 20 });
  expect(allocation.status, JSON.stringify(allocation.body)).toBe(201);

  // a stored report (its workbook is a bytea column)
  expect((await t.http.post('/api/reports').set(admin).send({ from: `${year}-01-01`, to: `${year}-12-31`, label: 'Comité — sauvegarde' })).status).toBe(201);
  restoredUrl = freshUrl(restoredName);
}, 60_000);

afterAll(async () => {
  for (const name of [restoredName]) await query(t.databaseUrl, `drop database if exists "${name}" with (force)`).catch(() => {});
  await t.close();
  rmSync(WORK, { recursive: true, force: true });
});

describe('npm run backup, then npm run restore into a fresh database', () => {
  it('gives back every row of every table, sequences and migrations, as a standard .tar.gz', async () => {
    backupFile = path.join(WORK, 'reemploi.backup.tar.gz');
    const backup = await cli(['backup', '--out', backupFile], { DATABASE_URL: t.databaseUrl });
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/Backup written: .*reemploi\.backup\.tar\.gz \(\d+ tables/);
    // ops can open it with the usual tools
    const listing = spawnSync('tar', ['-tzf', backupFile], { encoding: 'utf8' });
    expect(listing.stdout.split('\n')[0]).toBe('manifest.json');
    expect(listing.stdout).toContain('data/events.copy');

    const restore = await cli(['restore', backupFile, '--database', restoredName], { DATABASE_URL: t.databaseUrl });
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stdout).toMatch(new RegExp(`Restored into ${restoredName} \\(created\\)`));

    const [source, restored] = [await snapshot(t.databaseUrl), await snapshot(restoredUrl)];
    expect(Object.keys(restored)).toEqual(Object.keys(source));
    for (const table of Object.keys(source)) expect(restored[table], table).toEqual(source[table]);
    // the data the promise is about is really there
    expect(source.devices.length).toBe(45);
    expect(source.events.length).toBeGreaterThan(50);
    expect(source.certificates.length).toBe(4);
    expect(source.sanitizations.length).toBe(1);
    expect(source.allocations.length).toBe(1);
    // the summary's roll-ups, kept by triggers, come back as they were (restore loads them last)
    expect(source.allocation_facts.length).toBe(1);
    expect(source.device_milestones.length).toBeGreaterThan(40);
    expect(source.reports.length).toBe(1);
    expect(source.access_log.length).toBeGreaterThan(0);
    const [notes] = await query<{ notes: string }>(restoredUrl, `select notes from devices where serial_number = 'BKP-NOTES'`);
    expect(notes.notes).toBe(TRICKY_NOTES);
    const [report] = await query<{ ok: boolean }>(restoredUrl, `select sha256 = encode(sha256(file), 'hex') as ok from reports`);
    expect(report.ok).toBe(true);
  }, 60_000);

  it('works as the application database: login, public certificate check, next asset tag, append-only chain', async () => {
    const orm = await initOrm(restoredUrl);
    try {
      // MikroORM's migrator sees the restored bookkeeping as its own: nothing left to run
      expect(await orm.getMigrator().getPendingMigrations()).toEqual([]);
      const app = createApp({ orm, config: loadConfig({ DATABASE_URL: restoredUrl, JWT_SECRET: TEST_JWT_SECRET }), logger: pino({ level: 'silent' }) });
      const check = await request(app).get(`/api/certificates/${certificateNumber}`);
      expect(check.status).toBe(200);
      expect(check.body).toMatchObject({ valid: true, number: certificateNumber });
      expect(JSON.stringify(check.body)).not.toContain('Sauvegarde');
      const login = await request(app).post('/api/auth/login').send({ email: TEST_USERS.it_staff.email, password: TEST_PASSWORD });
      expect(login.status).toBe(200);
      const created = await request(app).post('/api/devices').set({ Authorization: `Bearer ${login.body.token}` }).send({ type: 'laptop', originSite: SITE, serialNumber: 'AFTER-RESTORE-1' });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const [{ max }] = await query<{ max: string }>(t.databaseUrl, `select max(asset_tag) as max from devices`);
      expect(created.body.assetTag > max).toBe(true);
      // the triggers were only off inside the restore transaction
      await expect(query(restoredUrl, `update events set reason = 'rewritten' where id = (select min(id) from events)`)).rejects.toThrow(/append-only/);
    } finally {
      await orm.close();
    }
  }, 30_000);

  it('refuses to restore over a database that is not empty, and changes nothing there', async () => {
    const before = await snapshot(restoredUrl);
    const refused = await cli(['restore', backupFile, '--database', restoredName], { DATABASE_URL: t.databaseUrl });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Restore refused: database .* is not empty .*--database NAME.*--force.*Nothing was written/);
    expect(await snapshot(restoredUrl)).toEqual(before);
  }, 30_000);
});

describe('damaged backups', () => {
  it('refuses a file with a changed byte, a truncated file, altered data or a file that is not a backup, and creates nothing', async () => {
    const bytes = readFileSync(backupFile);
    const flipped = Buffer.from(bytes);
    flipped[Math.floor(flipped.length / 2)] ^= 0xff;
    writeFileSync(path.join(WORK, 'flipped.tar.gz'), flipped);
    writeFileSync(path.join(WORK, 'truncated.tar.gz'), bytes.subarray(0, Math.floor(bytes.length * 0.7)));
    writeFileSync(path.join(WORK, 'not-a-backup.tar.gz'), 'Nom;Numéro de série\nPC;123\n');
    const tampered = await alteredBackup('tampered.tar.gz', (table, data) => (table === 'devices' ? data.replace('HP', 'XX') : data), false);

    const cases: [string, RegExp][] = [
      ['flipped.tar.gz', /^the file is damaged/],
      ['truncated.tar.gz', /^the file is (damaged|incomplete)/],
      ['not-a-backup.tar.gz', /^the file is damaged/],
      [path.basename(tampered), /table devices: the data does not match its SHA-256 checksum/],
    ];
    for (const [file, message] of cases) {
      const name = `reemploi_damaged_${process.pid}`;
      const error = await restoreBackup(path.join(WORK, file), freshUrl(name)).then(() => null, (failure: Error) => failure);
      expect(error, file).toBeInstanceOf(BackupFileError);
      expect(error!.message, file).toMatch(message);
      expect(await databaseExists(name), file).toBe(false);
    }

    const damaged = await cli(['restore', path.join(WORK, 'flipped.tar.gz'), '--database', `reemploi_damaged_${process.pid}`], { DATABASE_URL: t.databaseUrl });
    expect(damaged.code).toBe(1);
    expect(damaged.stderr).toMatch(/^Restore refused: the file is damaged.*Nothing was written\.$/m);
    const check = await cli(['restore', backupFile, '--check'], {});
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toMatch(/is intact: \d+ tables/);
  }, 60_000);

  it('rolls a failing restore back whole: a fresh database is dropped, a forced one keeps its old content', async () => {
    // consistent checksums, but a row the schema refuses: the failure comes half-way through loading
    const invalid = await alteredBackup('invalid-row.tar.gz', (table, data) => (table === 'devices' ? data.replace('\tregistered\t', '\tbroken\t') : data), true);
    const name = `reemploi_invalid_${process.pid}`;
    await expect(restoreBackup(invalid, freshUrl(name))).rejects.toThrow(/devices_status_check|violates check constraint/);
    expect(await databaseExists(name)).toBe(false);

    const before = await snapshot(restoredUrl);
    await expect(restoreBackup(invalid, restoredUrl, { force: true })).rejects.toThrow(/check constraint/);
    expect(await snapshot(restoredUrl)).toEqual(before);

    // --force with a sound backup replaces the content: back to the source exactly
    await restoreBackup(backupFile, restoredUrl, { force: true });
    expect(await snapshot(restoredUrl)).toEqual(await snapshot(t.databaseUrl));
  }, 60_000);

  it('restores with an account that may not disable triggers (managed PostgreSQL): foreign keys checked while loading', async () => {
    const role = `reemploi_owner_${process.pid}`;
    const name = `reemploi_owned_${process.pid}`;
    await query(t.databaseUrl, `create role "${role}" login password 'owner-password'`);
    await query(t.databaseUrl, `create database "${name}" owner "${role}"`);
    try {
      const url = new URL(freshUrl(name));
      url.username = role;
      url.password = 'owner-password';
      const result = await restoreBackup(backupFile, url.toString());
      expect(result.triggersDisabled).toBe(false);
      expect(await snapshot(freshUrl(name))).toEqual(await snapshot(t.databaseUrl));
    } finally {
      await query(t.databaseUrl, `drop database if exists "${name}" with (force)`);
      await query(t.databaseUrl, `drop role if exists "${role}"`);
    }
  }, 30_000);

  it('refuses a backup made by a newer version (unknown migration) before touching any database', async () => {
    const dir = mkdtempSync(path.join(WORK, 'newer-'));
    const entries = await extractArchive(backupFile, dir);
    const manifest = JSON.parse(readFileSync(entries.get('manifest.json')!.path, 'utf8')) as Manifest;
    manifest.migrations.push({ name: 'Migration20991231000000_future', executedAt: null });
    const newer = path.join(WORK, 'newer.tar.gz');
    await writeArchive(newer, [
      { name: 'manifest.json', source: Buffer.from(JSON.stringify(manifest)) },
      ...manifest.tables.map((table) => ({ name: table.file, source: entries.get(table.file)!.path })),
    ]);
    const name = `reemploi_newer_${process.pid}`;
    const error = await restoreBackup(newer, freshUrl(name)).then(() => null, (failure: Error) => failure);
    expect(error).toBeInstanceOf(RestoreRefusedError);
    expect(error!.message).toMatch(/newer version of Réemploi/);
    expect(await databaseExists(name)).toBe(false);
  }, 30_000);
});

describe('with the embedded PostgreSQL (no DATABASE_URL)', () => {
  it('restores into a new DATA_DIR, then backs up while the server of `npm start` is running', async () => {
    const dataDir = path.join(WORK, 'data-dir');
    const restored = await cli(['restore', backupFile], { DATA_DIR: dataDir });
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/Restored into reemploi \(created\)/);

    // as `npm start` would: the embedded server runs on the folder
    const embedded = await startEmbeddedPostgres(dataDir);
    try {
      const url = databaseUrl(embedded.url, 'reemploi');
      expect(await snapshot(url)).toEqual(await snapshot(t.databaseUrl));
      const second = path.join(WORK, 'from-embedded.tar.gz');
      const backup = await cli(['backup', '--out', second], { DATA_DIR: dataDir });
      expect(backup.code, backup.stderr).toBe(0);
      // it attached to the running server and left it running
      expect(await query(url, `select count(*)::int as n from certificates`)).toEqual([{ n: 4 }]);
      const refusedOverRunning = await cli(['restore', second], { DATA_DIR: dataDir });
      expect(refusedOverRunning.code).toBe(1);
      expect(refusedOverRunning.stderr).toMatch(/not empty/);
    } finally {
      await embedded.stop();
    }
  }, 90_000);
});
