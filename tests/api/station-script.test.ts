import { execFile, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { recordingStatuses } from '../helpers/status-log.js';

/**
 * The wiping station's script (station/reemploi-station.sh), run with bash as on the USB key, with
 * fake `dmidecode`, `lsblk`, `smartctl` and `nwipe` first in PATH that print real outputs
 * (tests/fixtures/station/, sources in tests/fixtures/README.md), against the real API on a port.
 */
const SCRIPT = new URL('../../station/reemploi-station.sh', import.meta.url).pathname;
const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;
const NWIPE_LOG = fixture('nwipe/nwipe-0.28-single-disk.log');
/** The disk the nwipe 0.28 log wiped; the smartctl sample was published with its serial redacted. */
const LOG_DISK_SERIAL = 'S4P3NF0M300001K';

let t: TestApp;
let server: Server;
let apiUrl: string;
let token: string;
let stationId: number;
const work = mkdtempSync(path.join(tmpdir(), 'reemploi-station-'));
const fakeBin = path.join(work, 'bin');

function writeFake(name: string, body: string) {
  writeFileSync(path.join(fakeBin, name), `#!/bin/sh\n${body}\n`);
  chmodSync(path.join(fakeBin, name), 0o755);
}

beforeAll(async () => {
  t = await createTestApp();
  server = recordingStatuses(t.app).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const station = await t.http.post('/api/stations').set(await t.auth('admin')).send({ name: 'Établi script', site: 'Antenne de Douai' });
  ({ token, id: stationId } = station.body);

  mkdirSync(fakeBin);
  writeFake('dmidecode', `cat '${fixture('station/dmidecode-dell-latitude-3310.txt')}'`);
  writeFake('lsblk', `cat '${fixture('station/lsblk-usb-stick-and-nvme.json')}'`);
  // only the serial is put back (firmware_version stays "REDACTED", as published)
  writeFake('smartctl', `echo "$@" >> '${work}/smartctl.calls'\nsed 's/"serial_number": "REDACTED"/"serial_number": "'"\${FAKE_DISK_SERIAL:-${LOG_DISK_SERIAL}}"'"/' '${fixture('station/smartctl-nvme-samsung-970-evo-plus.json')}'`);
  // nwipe writes its log where --logfile= says; the real 0.28 log, for the disk the fake smartctl names
  writeFake(
    'nwipe',
    `echo "$@" > '${work}/nwipe.args'\nfor arg; do case $arg in --logfile=*) log=\${arg#--logfile=} ;; esac; done\nsed "s/${LOG_DISK_SERIAL}/\${FAKE_DISK_SERIAL:-${LOG_DISK_SERIAL}}/g" '${NWIPE_LOG}' > "$log"`,
  );
  mkdirSync(path.join(work, 'power_supply/BAT0'), { recursive: true });
  // the kernel's energy_full, in µWh: 48.0 Wh today for 56.01 Wh by design (dmidecode) → 86 %
  writeFileSync(path.join(work, 'power_supply/BAT0/energy_full'), '48000000\n');
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.close();
  rmSync(work, { recursive: true, force: true });
});

function configure(name: string, url: string): { env: NodeJS.ProcessEnv; queue: string } {
  const queue = path.join(work, `queue-${name}`);
  const config = path.join(work, `${name}.conf`);
  writeFileSync(config, `REEMPLOI_API_URL=${url}\nREEMPLOI_STATION_TOKEN=${token}\nNWIPE_METHOD=dodshort\nQUEUE_DIR=${queue}\nCURL_TIMEOUT=20\n`);
  return {
    queue,
    env: { PATH: `${fakeBin}:/usr/bin:/bin`, HOME: work, LANG: 'C.UTF-8', REEMPLOI_STATION_CONFIG: config, POWER_SUPPLY_DIR: path.join(work, 'power_supply'), STATION_DISK: 'none' },
  };
}

function runScript(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('bash', [SCRIPT, ...args], { env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** The interactive mode: what a barcode scanner in keyboard mode types, then the end of input. */
function runInteractive(typed: string, env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', [SCRIPT], { env });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout }));
    child.stdin.end(typed);
  });
}

/** A port nothing listens on: the station's network is down. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function registerDevice(): Promise<{ id: number; assetTag: string }> {
  const response = await t.http.post('/api/devices').set(await t.auth('it_staff')).send({ type: 'laptop', originSite: 'Dépôt DSI — Lille' });
  expect(response.status).toBe(201);
  return response.body;
}

/** The station's requests as the administration log has them (each written once answered: polled). */
async function stationRequests(expected = 0): Promise<string[]> {
  return vi.waitFor(
    async () => {
      const rows = await t.sql<{ route: string; status: number }>(`select route, status from admin_log where action = 'station_used' and target_id = $1 order by id`, [String(stationId)]);
      if (rows.length < expected) throw new Error(`${rows.length} of ${expected} requests logged`);
      return rows.map((row) => `${row.route} ${row.status}`);
    },
    { timeout: 5_000, interval: 50 },
  );
}

describe('the station script assembles the inventory from dmidecode, lsblk and smartctl', () => {
  it('builds a GLPI inventory of the Dell Latitude 3310 with its NVMe disk, never the USB stick', async () => {
    const { env } = configure('inventory', apiUrl);
    const result = await runScript(['--inventory', 'CD59-TEST1'], env);
    expect(result.code, result.stderr).toBe(0);
    const inventory = JSON.parse(result.stdout);
    expect(inventory).toMatchObject({ deviceid: expect.stringMatching(/^CD59-TEST1-\d{4}-\d\d-\d\d-\d\d-\d\d-\d\d$/), itemtype: 'Computer' });
    expect(inventory.content).toEqual({
      versionclient: 'reemploi-station/1',
      // hw-probe published the dump with the serial numbers replaced by "--": no serial, matched by asset tag
      bios: { smanufacturer: 'Dell Inc.', smodel: 'Latitude 3310' },
      hardware: { name: 'CD59-TEST1', chassis_type: 'Notebook', memory: 8192 },
      cpus: [{ name: 'Intel(R) Core(TM) i5-8265U CPU @ 1.60GHz', manufacturer: 'Intel(R) Corporation', core: 4, thread: 8, speed: 3900 }],
      memories: [{ capacity: 8192, type: 'DDR4', speed: 3200, caption: 'DIMM A' }],
      storages: [{ name: 'nvme0n1', serial: LOG_DISK_SERIAL, model: 'Samsung SSD 970 EVO Plus 250GB', disksize: 250059, interface: 'NVMe', type: 'NVMe' }],
      batteries: [{ name: 'DELL 9P3NW13', manufacturer: 'LG', chemistry: 'LiP', capacity: 56010, real_capacity: 48000 }],
    });
    // sda is the removable USB stick of the lsblk sample: not asked about, not inventoried
    expect(readFileSync(path.join(work, 'smartctl.calls'), 'utf8')).not.toContain('/dev/sda');
  });
});

describe('posting from the station, queue and retry', () => {
  let device: { id: number; assetTag: string };
  let queued: string[];
  beforeAll(async () => {
    device = await registerDevice();
  });

  it('queues the inventory and the nwipe log on the key when the network is down, and says so in French', async () => {
    const { env, queue } = configure('offline', `http://127.0.0.1:${await closedPort()}`);
    const result = await runScript(['--tag', device.assetTag], env);
    expect(result.code).not.toBe(0);
    expect(result.stdout).toContain(`✖ ${device.assetTag} : en attente, réseau indisponible — 2 envois en file`);
    queued = readdirSync(queue).filter((name) => /^\d/.test(name)).sort();
    expect(queued).toEqual([`00000001-${device.assetTag}-1-inventory.json`, `00000002-${device.assetTag}-2-nwipe.log`]);
    expect(readFileSync(path.join(queue, queued[1]), 'utf8')).toBe(readFileSync(NWIPE_LOG, 'utf8'));
    // nwipe wiped the laptop's NVMe disk only, with the site's method and its log file
    const nwipeArgs = readFileSync(path.join(work, 'nwipe.args'), 'utf8').trim();
    expect(nwipeArgs).toMatch(/^--autonuke --nogui --nowait --method=dodshort --verify=last --rounds=1 --logfile=\S+nwipe\.log \/dev\/nvme0n1$/);
    expect(await stationRequests()).toEqual([]);

    // still down at the next boot: nothing lost, nothing reordered
    const again = await runScript(['--flush'], env);
    expect(again.code).not.toBe(0);
    expect(again.stdout).toContain('Réseau indisponible — 2 envois en file');
    expect(readdirSync(queue).filter((name) => /^\d/.test(name)).sort()).toEqual(queued);
  });

  it('sends the queue in order, exactly once, when the network is back: the device gets its specs, disk and certificate', async () => {
    const { env, queue } = configure('offline', apiUrl);
    const result = await runScript(['--flush'], env);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(readdirSync(queue).filter((name) => /^\d/.test(name))).toEqual([]);
    expect(await stationRequests(2)).toEqual(['/api/inventory 200', '/api/sanitizations/import 200']);

    const shown = (await t.http.get(`/api/devices/${device.id}`).set(await t.auth('it_staff'))).body;
    expect(shown).toMatchObject({ brand: 'Dell Inc.', model: 'Latitude 3310', type: 'laptop', ramGb: 8, cpu: 'Intel(R) Core(TM) i5-8265U CPU @ 1.60GHz', status: 'sanitized' });
    const inventory = (await t.http.get(`/api/devices/${device.id}/inventory`).set(await t.auth('it_staff'))).body;
    expect(inventory.summary.storages).toEqual([{ serialNumber: LOG_DISK_SERIAL, model: 'Samsung SSD 970 EVO Plus 250GB', capacityGb: 250, interface: 'NVMe', kind: 'nvme' }]);
    expect(inventory.summary.batteries).toEqual([{ name: 'DELL 9P3NW13', designMwh: 56010, realMwh: 48000, healthPct: 86 }]);
    const [certificate] = await t.sql(`select c.id from certificates c where c.device_id = $1`, [device.id]);
    expect(certificate).toBeDefined();

    // a second flush sends nothing again
    expect((await runScript(['--flush'], env)).code).toBe(0);
    expect(await stationRequests(2)).toHaveLength(2);
  });

  it('prints « ✔ … : inventaire reçu, effacement certifié » for a PC done with the network up', async () => {
    const other = await registerDevice();
    const { env, queue } = configure('online', apiUrl);
    const result = await runScript(['--tag', other.assetTag], { ...env, FAKE_DISK_SERIAL: 'S4P3NF0M300002K' });
    expect(result.stdout).toContain(`✔ ${other.assetTag} : inventaire reçu, effacement certifié`);
    expect(result.code).toBe(0);
    expect(readdirSync(queue).filter((name) => /^\d/.test(name))).toEqual([]);
    expect((await stationRequests(4)).slice(2)).toEqual(['/api/inventory 200', '/api/sanitizations/import 200']);
  });

  it('reads the scanned label from the keyboard (lower case is upper-cased) and goes on to the next PC', async () => {
    const scanned = await registerDevice();
    const { env } = configure('interactive', apiUrl);
    const result = await runInteractive(`${scanned.assetTag.toLowerCase()}\n`, { ...env, FAKE_DISK_SERIAL: 'S4P3NF0M300005K' });
    expect(result.stdout).toContain(`✔ ${scanned.assetTag} : inventaire reçu, effacement certifié`);
    expect(result.stdout).toContain('PC suivant');
    expect(result.code).toBe(0);
  });

  it('retries the queue by itself while the technician works, once the network is back', async () => {
    const waiting = await registerDevice();
    const port = await closedPort();
    const { env, queue } = configure('comeback', `http://127.0.0.1:${port}`);
    const child = spawn('bash', [SCRIPT], { env: { ...env, RETRY_SECONDS: '1', FAKE_DISK_SERIAL: 'S4P3NF0M300006K' } });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const closed = new Promise((resolve) => child.on('close', resolve));
    child.stdin.write(`${waiting.assetTag}\n`);
    await expect.poll(() => stdout, { timeout: 20_000 }).toContain(`✖ ${waiting.assetTag} : en attente, réseau indisponible — 2 envois en file`);
    const before = (await stationRequests()).length;

    // the network comes back: the same address answers
    const back = recordingStatuses(t.app).listen(port, '127.0.0.1');
    try {
      await expect.poll(() => readdirSync(queue).filter((name) => /^\d/.test(name)).length, { timeout: 20_000, interval: 200 }).toBe(0);
      expect((await stationRequests(before + 2)).slice(before)).toEqual(['/api/inventory 200', '/api/sanitizations/import 200']);
      const [device] = await t.sql<{ status: string }>(`select status from devices where id = $1`, [waiting.id]);
      expect(device.status).toBe('sanitized');
    } finally {
      child.stdin.end();
      await closed;
      await new Promise((resolve) => back.close(resolve));
    }
  });

  it('registers a PC without a label on the station’s site and prints its new asset tag', async () => {
    const { env } = configure('unlabelled', apiUrl);
    const result = await runScript(['--new'], { ...env, FAKE_DISK_SERIAL: 'S4P3NF0M300004K' });
    const tag = /Nouvel appareil enregistré : (\S+) —/.exec(result.stdout)?.[1];
    expect(tag, result.stdout).toBeDefined();
    expect(result.stdout).toContain(`✔ ${tag} : inventaire reçu, effacement certifié`);
    expect(result.code).toBe(0);
    const [device] = await t.sql<{ site: string; status: string }>(`select site, status from devices where asset_tag = $1`, [tag]);
    expect(device).toEqual({ site: 'Antenne de Douai', status: 'sanitized' });
  });

  it('keeps a refused inventory aside with the API’s French reason, and does not retry it', async () => {
    const { env, queue } = configure('refused', apiUrl);
    const result = await runScript(['--tag', 'CD59-INCONNU'], { ...env, FAKE_DISK_SERIAL: 'S4P3NF0M300003K' });
    expect(result.code).not.toBe(0);
    expect(result.stdout).toContain("✖ CD59-INCONNU : inventaire refusé — Aucun appareil n'a l'étiquette CD59-INCONNU.");
    expect(readdirSync(path.join(queue, 'refused')).sort()).toEqual(expect.arrayContaining([expect.stringMatching(/-CD59-INCONNU-1-inventory\.json$/)]));
  });
});
