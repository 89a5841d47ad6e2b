import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';

/** Real inputs: the GLPI agent's published example and a real nwipe 0.28 log (tests/fixtures/README.md). */
const COMPUTER_1 = readFileSync(new URL('../fixtures/glpi-inventory/computer_1.json', import.meta.url), 'utf8');
const NWIPE_LOG = readFileSync(new URL('../fixtures/nwipe/nwipe-0.28-single-disk.log', import.meta.url), 'utf8');

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const createStation = async (name: string, site = 'Dépôt DSI — Lille') => t.http.post('/api/stations').set(await t.auth('admin')).send({ name, site });
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const postInventory = (token: string, body = COMPUTER_1, query = '') =>
  t.http.post(`/api/inventory${query}`).set(bearer(token)).set('Content-Type', 'application/json').send(body);
const postLog = (token: string, text = NWIPE_LOG) => t.http.post('/api/sanitizations/import').set(bearer(token)).set('Content-Type', 'text/plain').send(text);

/** The station's lines of the administration log (written once each request is answered). */
async function stationLines(stationId: number, expected: number) {
  return vi.waitFor(
    async () => {
      const rows = await t.sql<{ action: string; outcome: string; route: string; status: number; actor_id: number; details: Record<string, unknown> }>(
        `select action, outcome, route, status, actor_id, details from admin_log where target_type = 'stations' and target_id = $1 and action = 'station_used' order by id`,
        [String(stationId)],
      );
      if (rows.length < expected) throw new Error(`${rows.length} of ${expected} lines`);
      return rows;
    },
    { timeout: 5_000, interval: 50 },
  );
}

describe('a wiping station’s token', () => {
  let station: { id: number; token: string; userId: number; tokenHint: string };
  beforeAll(async () => {
    const response = await createStation('Établi 1');
    expect(response.status).toBe(201);
    station = response.body;
  });

  it('is shown once: the list gives its start only, the database keeps its SHA-256 and never the token', async () => {
    expect(station.token).toMatch(/^station_[A-Za-z0-9_-]{43}$/);
    expect(station.tokenHint).toBe(`${station.token.slice(0, 16)}…`);
    const list = await t.http.get('/api/stations').set(await t.auth('admin'));
    expect(list.status).toBe(200);
    expect(list.body).toEqual([expect.objectContaining({ id: station.id, name: 'Établi 1', site: 'Dépôt DSI — Lille', lastUsedAt: null, revokedAt: null })]);
    expect(JSON.stringify(list.body)).not.toContain(station.token);
    const [row] = await t.sql<Record<string, unknown>>(`select * from station_tokens where id = $1`, [station.id]);
    expect(JSON.stringify(row)).not.toContain(station.token.slice(16));
    const { createHash } = await import('node:crypto');
    expect(row.token_hash).toBe(createHash('sha256').update(station.token).digest('hex'));
    const created = await t.sql(`select * from admin_log where action = 'station_created' and target_id = $1`, [String(station.id)]);
    expect(created).toHaveLength(1);
  });

  it('posts an inventory (the device created on the station’s site, by the station’s account) then the nwipe log, each use logged', async () => {
    const inventory = await postInventory(station.token);
    expect(inventory.status).toBe(200);
    expect(inventory.body).toMatchObject({ created: true });
    const [device] = await t.sql<{ site: string; serial_number: string }>(`select site, serial_number from devices where id = $1`, [inventory.body.device.id]);
    expect(device).toEqual({ site: 'Dépôt DSI — Lille', serial_number: '640HP72' });
    const [received] = await t.sql<{ received_by: number }>(`select received_by from device_inventories where device_id = $1`, [inventory.body.device.id]);
    expect(received.received_by).toBe(station.userId);

    const log = await postLog(station.token);
    expect(log.status).toBe(200);
    expect(log.body).toMatchObject({ tool: 'nwipe', toolVersion: '0.28' });

    const lines = await stationLines(station.id, 2);
    expect(lines.map((line) => [line.route, line.status, line.outcome, line.actor_id])).toEqual([
      ['/api/inventory', 200, 'success', station.userId],
      ['/api/sanitizations/import', 200, 'success', station.userId],
    ]);
    expect(lines[0].details).toMatchObject({ name: 'Établi 1', site: 'Dépôt DSI — Lille' });
    const [{ last_used_at }] = await t.sql<{ last_used_at: Date | null }>(`select last_used_at from station_tokens where id = $1`, [station.id]);
    expect(last_used_at).not.toBeNull();
  });

  it('uses ?site= over the station’s site when the request names one', async () => {
    const inventory = JSON.parse(COMPUTER_1);
    inventory.content.bios.ssn = 'STATION-SITE-OVERRIDE';
    inventory.content.storages = [];
    const response = await postInventory(station.token, JSON.stringify(inventory), `?site=${encodeURIComponent('Antenne de Douai')}`);
    expect(response.status).toBe(200);
    const [device] = await t.sql<{ site: string }>(`select site from devices where id = $1`, [response.body.device.id]);
    expect(device.site).toBe('Antenne de Douai');
  });

  it('is refused on every other route (403, or 401 where any account may go; logged) and cannot sign in as its account', async () => {
    // the three posts above, logged once answered
    const before = (await stationLines(station.id, 3)).length;
    const me = await t.http.get('/api/me').set(bearer(station.token));
    expect(me.status).toBe(401);
    expect(me.body.error.message).toContain('poste d');
    for (const [method, path] of [['get', '/api/devices'], ['post', '/api/devices'], ['get', '/api/stations'], ['post', '/api/stations'], ['get', '/api/admin-log'], ['post', '/api/media']] as const) {
      const response = await t.http[method](path).set(bearer(station.token)).send({});
      expect(response.status, `${method} ${path}`).toBe(403);
      expect(response.body.error.message).toContain('poste d');
    }
    const lines = await stationLines(station.id, before + 7);
    expect(lines.slice(before).map((line) => [line.outcome, line.status])).toEqual([['refused', 401], ...Array(6).fill(['refused', 403])]);
    const [account] = await t.sql<{ active: boolean; password_hash: string | null; role: string }>(`select active, password_hash, role from users where id = $1`, [station.userId]);
    expect(account).toEqual({ active: false, password_hash: null, role: 'it_staff' });
  });

  it('is refused with a French 401 once revoked, and the refusal is logged', async () => {
    const other = (await createStation('Établi 2', 'Antenne de Douai')).body;
    expect((await postLog(other.token)).status).toBe(200);
    const revoked = await t.http.post(`/api/stations/${other.id}/revoke`).set(await t.auth('admin'));
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    const refused = await postInventory(other.token);
    expect(refused.status).toBe(401);
    expect(refused.body.error.message).toBe("Ce jeton de poste d'effacement a été révoqué : demandez-en un nouveau à un administrateur.");
    const lines = await stationLines(other.id, 2);
    expect(lines.at(-1)).toMatchObject({ route: '/api/inventory', status: 401, outcome: 'refused' });
    expect(await t.sql(`select 1 from admin_log where action = 'station_revoked' and target_id = $1`, [String(other.id)])).toHaveLength(1);
    // the first station still works
    expect((await postLog(station.token)).status).toBe(200);
  });

  it('refuses an unknown or malformed station token with a 401', async () => {
    const forged = `station_${'A'.repeat(43)}`;
    for (const token of [forged, `${station.token.slice(0, 16)}${'B'.repeat(35)}`, 'station_short']) {
      const response = await postInventory(token);
      expect(response.status).toBe(401);
      expect(response.body.error.message).toContain("Jeton de poste d'effacement inconnu");
    }
  });
});

describe('managing stations: admins only, bad input', () => {
  it('refuses every other role on the station routes', async () => {
    for (const role of ['it_staff', 'partner', 'social_worker', 'viewer'] as const) {
      const auth = await t.auth(role);
      expect((await t.http.get('/api/stations').set(auth)).status, role).toBe(403);
      expect((await t.http.post('/api/stations').set(auth).send({ name: 'Établi X', site: 'Lille' })).status, role).toBe(403);
      expect((await t.http.post('/api/stations/1/revoke').set(auth)).status, role).toBe(403);
    }
    expect((await t.http.get('/api/stations')).status).toBe(401);
  });

  it('refuses a station without a name or site, and a revocation of an unknown station', async () => {
    const admin = await t.auth('admin');
    const response = await t.http.post('/api/stations').set(admin).send({ name: '', site: 'Lille' });
    expect(response.status).toBe(400);
    expect((await t.http.post('/api/stations').set(admin).send({ name: 'Établi 9' })).status).toBe(400);
    expect((await t.http.post('/api/stations/999999/revoke').set(admin)).status).toBe(404);
  });
});
