import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/nwipe/${name}`, import.meta.url), 'utf8');
const MULTI_DISK_LOG = fixture('nwipe-0.42-multi-disk.log');
const SDB_JSON_REPORT = fixture('nwipe_report_2026-03-10-14-01-58_Model_ST1000DM003_1CH162_Serial_Z1D5K3QX_device_sdb.json');

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function device(serialNumber: string, media: string[]) {
  const tech = await t.auth('it_staff');
  const created = (await t.http.post('/api/devices').set(tech).send({ type: 'desktop', brand: 'HP', model: 'EliteDesk 800 G4', originSite: 'Dépôt DSI — Lille', serialNumber })).body;
  for (const serial of media) {
    const response = await t.http.post('/api/media').set(tech).send({ device: created.id, kind: 'hdd', serialNumber: serial });
    expect(response.status).toBe(201);
  }
  return created;
}

const importLog = async (text: string, type = 'text/plain') =>
  t.http.post('/api/sanitizations/import').set(await t.auth('it_staff')).set('Content-Type', type).send(text);

const statusOf = async (id: number) => (await t.sql<{ status: string }>(`select status from devices where id = $1`, [id]))[0].status;

describe('importing an nwipe log', () => {
  let host: { id: number; assetTag: string };
  let other: { id: number; assetTag: string };
  beforeAll(async () => {
    // the computer the log was made on (system-serial-number = CZC8273FJK) holds sda; its sdb is not recorded yet
    host = await device('CZC8273FJK', ['WCC2EUR71234']);
    // the NVMe disk of the log is recorded in another computer
    other = await device('OTHER-PC-1', ['S4EVNF0M812345X']);
  });

  it('records each disk, adds the host computer’s unknown disk, refuses a disk recorded elsewhere, and quarantines on failure', async () => {
    const response = await importLog(MULTI_DISK_LOG);
    expect(response.status).toBe(200);
    const report = response.body;
    expect(report).toMatchObject({ tool: 'nwipe', toolVersion: '0.42', hostSerial: 'CZC8273FJK', hostAssetTag: host.assetTag, disks: 4 });
    expect(report.recorded).toEqual([
      { serialNumber: 'WCC2EUR71234', assetTag: host.assetTag, result: 'success', method: 'PRNG Stream' },
      { serialNumber: 'Z1D5K3QX', assetTag: host.assetTag, result: 'failure', method: 'PRNG Stream' },
    ]);
    expect(report.mediaCreated).toEqual([{ serialNumber: 'Z1D5K3QX', assetTag: host.assetTag }]);
    expect(report.failed).toEqual([{ serialNumber: 'Z1D5K3QX', assetTag: host.assetTag, errors: expect.stringContaining('128') }]);
    expect(report.unmatched).toEqual([
      { serialNumber: null, model: 'ASMT 2115', reason: expect.stringContaining('absent') },
      { serialNumber: 'S4EVNF0M812345X', model: 'Samsung SSD 970 EVO Plus 500GB', reason: expect.stringContaining(other.assetTag) },
    ]);
    expect(report.devicesQuarantined).toEqual([host.assetTag]);
    expect(await statusOf(host.id)).toBe('quarantined');
    expect(await statusOf(other.id)).toBe('registered');

    const [record] = await t.sql<Record<string, unknown>>(
      `select s.technique, s.category, s.tool, s.tool_version, s.verification, s.passes, s.source, s.host_serial, s.started_at, s.finished_at
         from sanitizations s join media m on m.id = s.medium_id where m.serial_number = 'WCC2EUR71234'`,
    );
    expect(record).toMatchObject({
      technique: 'overwrite_prng',
      category: 'clear',
      tool: 'nwipe',
      tool_version: '0.42',
      verification: 'last_pass',
      source: 'nwipe_log',
      host_serial: 'CZC8273FJK',
    });
    expect((record.started_at as Date).toISOString()).toBe('2026-03-10T07:02:15.000Z');
    expect((record.finished_at as Date).toISOString()).toBe('2026-03-10T10:34:06.000Z');
  });

  it('changes nothing when the same log, or the JSON report of the same run, is imported again', async () => {
    const before = await t.sql(`select count(*)::int as n from sanitizations`);
    const events = await t.sql(`select count(*)::int as n from events`);
    const again = await importLog(MULTI_DISK_LOG);
    expect(again.status).toBe(200);
    expect(again.body.recorded).toEqual([]);
    expect(again.body.mediaCreated).toEqual([]);
    expect(again.body.alreadyImported).toHaveLength(2);
    const json = await importLog(SDB_JSON_REPORT, 'application/json');
    expect(json.status).toBe(200);
    expect(json.body.alreadyImported).toEqual([{ serialNumber: 'Z1D5K3QX', assetTag: host.assetTag }]);
    expect(await t.sql(`select count(*)::int as n from sanitizations`)).toEqual(before);
    expect(await t.sql(`select count(*)::int as n from events`)).toEqual(events);
  });
});

describe('a wipe aborted, then finished the next day', () => {
  it('quarantines the computer, then certifies it when the rerun succeeds', async () => {
    const computer = await device('7XKQ2J2', ['WD-WCC6Y1KX2345']);
    const aborted = await importLog(fixture('nwipe-0.35-user-abort.log'));
    expect(aborted.status).toBe(200);
    expect(aborted.body.failed).toEqual([{ serialNumber: 'WD-WCC6Y1KX2345', assetTag: computer.assetTag, errors: expect.stringMatching(/interrompu/) }]);
    expect(await statusOf(computer.id)).toBe('quarantined');
    const rerun = await importLog(fixture('nwipe-0.35-rerun-next-day.log'));
    expect(rerun.status).toBe(200);
    expect(rerun.body.devicesSanitized).toEqual([computer.assetTag]);
    expect(await statusOf(computer.id)).toBe('sanitized');
    const [certificate] = await t.sql<{ number: string }>(`select number from certificates where device_id = $1`, [computer.id]);
    expect(certificate.number).toMatch(/^CS-/);
  });
});

describe('previewing a log (dryRun=true)', () => {
  const TABLES = ['sanitizations', 'media', 'events', 'certificates', 'notifications'];
  const counts = async () => {
    const rows: Record<string, number> = {};
    for (const table of TABLES) rows[table] = (await t.sql<{ n: number }>(`select count(*)::int as n from ${table}`))[0].n;
    return rows;
  };
  const preview = async (text: string) =>
    t.http.post('/api/sanitizations/import?dryRun=true').set(await t.auth('it_staff')).set('Content-Type', 'text/plain').send(text);

  it('answers what it would record, certify and quarantine, and writes nothing', async () => {
    const computer = await device('PREVIEW-PC-1', ['WD-WCC6Y1KX2345-P']);
    const log = fixture('nwipe-0.35-rerun-next-day.log').replaceAll('WD-WCC6Y1KX2345', 'WD-WCC6Y1KX2345-P').replaceAll('7XKQ2J2', 'PREVIEW-PC-1');
    const before = await counts();
    const [sequence] = await t.sql<{ last_value: string }>(`select last_value from certificate_seq`);
    const response = await preview(log);
    expect(response.status).toBe(200);
    expect(response.body.dryRun).toBe(true);
    expect(response.body.recorded.map((row: { serialNumber: string }) => row.serialNumber)).toContain('WD-WCC6Y1KX2345-P');
    expect(response.body.devicesSanitized).toEqual([computer.assetTag]);
    expect(await counts()).toEqual(before);
    expect(await t.sql(`select last_value from certificate_seq`)).toEqual([sequence]);
    expect(await statusOf(computer.id)).toBe('registered');

    // the real import then records exactly what the preview announced
    const real = await importLog(log);
    expect(real.body.dryRun).toBe(false);
    expect(real.body.recorded).toEqual(response.body.recorded);
    expect(real.body.devicesSanitized).toEqual([computer.assetTag]);
    expect(await statusOf(computer.id)).toBe('sanitized');
  });

  it('announces a quarantine without quarantining', async () => {
    const computer = await device('CZC8273FJK-P', ['WCC2EUR71234-P']);
    const log = MULTI_DISK_LOG.replaceAll('CZC8273FJK', 'CZC8273FJK-P').replaceAll('WCC2EUR71234', 'WCC2EUR71234-P').replaceAll('Z1D5K3QX', 'Z1D5K3QX-P');
    const before = await counts();
    const response = await preview(log);
    expect(response.body.devicesQuarantined).toEqual([computer.assetTag]);
    expect(response.body.failed).toHaveLength(1);
    expect(await counts()).toEqual(before);
    expect(await statusOf(computer.id)).toBe('registered');
  });

  it('refuses a dryRun value that is not true or false', async () => {
    const response = await t.http.post('/api/sanitizations/import?dryRun=yes').set(await t.auth('it_staff')).set('Content-Type', 'text/plain').send(MULTI_DISK_LOG);
    expect(response.status).toBe(400);
  });
});

describe('logs as users post them (real excerpts, tests/fixtures/README.md)', () => {
  it('lists every disk with its status: found but not wiped, and the nwipe version from the ShredOS banner', async () => {
    const response = await importLog(fixture('shredos-0.38-banner-cut.log'));
    expect(response.status).toBe(200);
    expect(response.body.toolVersion).toBe('0.38');
    expect(response.body.diskResults).toEqual([
      { devicePath: '/dev/sda', serialNumber: '35H2SCTWS', model: 'TOSHIBA MQ01ABD1', nwipeStatus: null, outcome: 'not_wiped', assetTag: null, method: null, reason: expect.stringContaining('pas effacé') },
    ]);
  });

  it('records a disk « Erased » without method line as an erasure of unknown method to review', async () => {
    const noSerial = await importLog(fixture('nwipe-2021-loop-erased-no-method.log'));
    expect(noSerial.body.unmatched).toEqual([{ serialNumber: null, model: 'Loopback device', reason: expect.stringContaining('absent') }]);
    expect(JSON.stringify(noSerial.body)).not.toMatch(/relire/);
    expect(noSerial.body.diskResults).toMatchObject([{ devicePath: '/dev/loop44', nwipeStatus: 'Erased', outcome: 'unmatched' }]);

    // the same excerpt with a serial in the model/serial cell, for a disk we know
    const computer = await device('LOOP-HOST-1', ['LOOP44SERIAL']);
    const log = fixture('nwipe-2021-loop-erased-no-method.log').replace('Loopback device/', 'Loopback device/LOOP44SERIAL');
    const response = await importLog(log);
    expect(response.status).toBe(200);
    expect(response.body.recorded).toEqual([{ serialNumber: 'LOOP44SERIAL', assetTag: computer.assetTag, result: 'success', method: 'méthode inconnue — à vérifier' }]);
    expect(response.body.diskResults).toMatchObject([{ serialNumber: 'LOOP44SERIAL', nwipeStatus: 'Erased', outcome: 'recorded', assetTag: computer.assetTag, method: null }]);
    expect(response.body.warnings.join(' ')).toMatch(/méthode inconnue, à vérifier/);
    const [record] = await t.sql<{ technique: string; result: string }>(
      `select s.technique, s.result from sanitizations s join media m on m.id = s.medium_id where m.serial_number = 'LOOP44SERIAL'`,
    );
    expect(record).toEqual({ technique: 'overwrite_other', result: 'success' });
  });

  it('names every disk of a cut log without calling them « nowhere else »', async () => {
    const response = await importLog(fixture('nwipe-2021-cancelled-cut.log'));
    expect(response.status).toBe(200);
    expect(response.body.warnings.join(' ')).not.toMatch(/n'apparaît pas ailleurs/);
    expect(response.body.diskResults.map((disk: { devicePath: string; outcome: string }) => [disk.devicePath, disk.outcome])).toEqual([
      ['/dev/sda', 'unmatched'],
      ['/dev/sdb', 'unmatched'],
      ['/dev/sdc', 'unmatched'],
      ['/dev/sdd', 'unmatched'],
    ]);
  });
});

describe('logs without a known computer', () => {
  it('matches disks by serial only, and reports unknown ones without writing them', async () => {
    const log = fixture('nwipe-0.28-single-disk.log');
    const unknown = await importLog(log);
    expect(unknown.status).toBe(200);
    expect(unknown.body.unmatched).toEqual([{ serialNumber: 'S4P3NF0M300001K', model: 'Samsung SSD 970 EVO 500GB', reason: expect.stringContaining('inconnu') }]);
    expect(unknown.body.warnings[0]).toMatch(/Default string/);
    const laptop = await device('LAPTOP-028', ['S4P3NF0M300001K']);
    const known = await importLog(log);
    expect(known.body.recorded).toHaveLength(1);
    expect(known.body.devicesSanitized).toEqual([laptop.assetTag]);
  });
});

describe('bad input and roles', () => {
  it('refuses text that is not an nwipe log with a clear 400', async () => {
    for (const text of ['hello world', '{"not":"nwipe"}', '']) {
      const response = await importLog(text);
      expect(response.status, text).toBe(400);
      expect(response.body.error.code).toBe('INVALID_INPUT');
    }
  });

  it('is for depot staff only', async () => {
    for (const role of ['partner', 'social_worker', 'viewer'] as const) {
      const response = await t.http.post('/api/sanitizations/import').set(await t.auth(role)).set('Content-Type', 'text/plain').send(MULTI_DISK_LOG);
      expect(response.status, role).toBe(403);
    }
  });
});
