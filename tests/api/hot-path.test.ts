import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import express from 'express';
import jwt from 'jsonwebtoken';
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.js';
import { requestLog } from '../../api/core/request-log.js';
import { createTestApp, TEST_PASSWORD, TEST_USERS, type TestApp } from '../helpers/app.js';
import { handOver } from '../helpers/handover.js';

/**
 * The partner's desk (scan, then transition) reads users and devices by plain SQL instead of the
 * ORM (api/core/auth.ts, api/devices/device-sql.ts). These tests pin what must not change with
 * it: every request sees the account as stored now, and the answers are the ones the ORM path gives.
 */
let t: TestApp;
let full: { id: number; assetTag: string };
let bare: { id: number; assetTag: string };
let batchId: number;

beforeAll(async () => {
  t = await createTestApp();
  const tech = await t.auth('it_staff');
  full = (
    await t.http.post('/api/devices').set(tech).send({
      type: 'laptop',
      originSite: 'Dépôt DSI — Lille',
      serialNumber: 'hot-path-full',
      inventoryNumber: 'INV-42',
      hostname: 'PC-CD59-042',
      brand: 'Lenovo',
      model: 'ThinkPad T480',
      cpu: 'Intel Core i5-8350U',
      ramGb: 16,
      storageSummary: 'SSD 256 Go',
      year: 2019,
      conditionGrade: 'B',
      notes: 'Rayure sur le capot',
    })
  ).body;
  bare = (await t.http.post('/api/devices').set(tech).send({ type: 'monitor', originSite: 'Antenne de Valenciennes', serialNumber: 'hot-path-bare' })).body;
  // every nullable column filled (timestamps with microseconds): a batch ready for the partner, a certificate, a stock-take miss, a label
  [{ id: batchId }] = await t.sql<{ id: number }>(
    `insert into batches (reference, site, partner, status, created_by_id, ready_at) values ('LOT-2026-0901', 'Dépôt DSI — Lille', 'Emmaüs Connect', 'ready', $1, now()) returning id`,
    [t.users.admin.id],
  );
  await t.sql(
    `update devices set status = 'in_batch', batch_id = $2, certificate_number = 'CERT-2026-000042', refurbished_grade = 'A',
            missing_since = '2026-10-03 08:15:42.123456+02', label_printed_at = now() - interval '3 days 0.000321 seconds', no_storage = false
     where id = $1`,
    [full.id, batchId],
  );
  await handOver(t, [bare.id]);
  await t.sql(`update devices set version = version - 1 where id = $1`, [bare.id]);
});
afterAll(() => t.close());

async function newUser(role: 'it_staff' | 'viewer', email: string) {
  const admin = await t.auth('admin');
  const created = await t.http.post('/api/users').set(admin).send({ email, name: 'Compte Temporaire', role, password: 'a-long-password-123' });
  expect(created.status).toBe(201);
  const login = await t.http.post('/api/auth/login').send({ email, password: 'a-long-password-123' });
  expect(login.status).toBe(200);
  return { id: created.body.id as number, bearer: { Authorization: `Bearer ${login.body.token}` } };
}

describe('session check (plain SQL, every request)', () => {
  it('cuts off a deactivated account on the scan and the transition, and a reactivation does not revive old tokens', async () => {
    const user = await newUser('it_staff', 'hot-deactivated@test.fr');
    expect((await t.http.get(`/api/scan/${bare.assetTag}`).set(user.bearer)).status).toBe(200);
    const admin = await t.auth('admin');
    expect((await t.http.put(`/api/users/${user.id}`).set(admin).send({ active: false })).status).toBe(200);
    const scan = await t.http.get(`/api/scan/${bare.assetTag}`).set(user.bearer);
    expect(scan.status).toBe(401);
    expect(scan.body.error.code).toBe('UNAUTHENTICATED');
    expect((await t.http.post(`/api/devices/${bare.id}/transitions`).set(user.bearer).send({ to: 'recycled', reason: 'x' })).status).toBe(401);
    expect((await t.http.put(`/api/users/${user.id}`).set(admin).send({ active: true })).status).toBe(200);
    expect((await t.http.get('/api/me').set(user.bearer)).status).toBe(401);
  });

  it('refuses a token issued before a password reset, accepts one issued after', async () => {
    const user = await newUser('viewer', 'hot-reset@test.fr');
    expect((await t.http.get('/api/me').set(user.bearer)).status).toBe(200);
    expect((await t.http.put(`/api/users/${user.id}`).set(await t.auth('admin')).send({ password: 'another-password-456' })).status).toBe(200);
    expect((await t.http.get('/api/me').set(user.bearer)).status).toBe(401);
    const again = await t.http.post('/api/auth/login').send({ email: 'hot-reset@test.fr', password: 'another-password-456' });
    expect((await t.http.get('/api/me').set('Authorization', `Bearer ${again.body.token}`)).status).toBe(200);
  });

  it('refuses the token of a deleted user', async () => {
    // an account nobody used yet (no login, so no admin log line refers to it), then deleted
    const [{ id }] = await t.sql<{ id: number }>(
      `insert into users (email, name, role, password_hash, active, token_version) values ('hot-deleted@test.fr', 'Compte Supprimé', 'viewer', 'x', true, 0) returning id`,
    );
    const token = jwt.sign({ role: 'viewer', tv: 0 }, t.config.jwtSecret, { subject: String(id), issuer: 'reemploi', algorithm: 'HS256', expiresIn: 60, jwtid: randomUUID() });
    expect((await t.http.get('/api/me').set('Authorization', `Bearer ${token}`)).status).toBe(200);
    await t.sql(`delete from users where id = $1`, [id]);
    const response = await t.http.get('/api/me').set('Authorization', `Bearer ${token}`);
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('answers 401 (not 400 or 500) to a validly signed token whose subject is no user id', async () => {
    for (const subject of ['abc', '0', '-3', '1.5', '2147483648', '99999999999999999999']) {
      const token = jwt.sign({ role: 'admin', tv: 0 }, t.config.jwtSecret, { subject, issuer: 'reemploi', algorithm: 'HS256' });
      const response = await t.http.get('/api/me').set('Authorization', `Bearer ${token}`);
      expect(response.status, subject).toBe(401);
    }
  });

  it('reads the account as stored now: a partner moved to another organisation loses its batches at once, with the same token', async () => {
    const partner = await t.auth('partner');
    expect((await t.http.get(`/api/scan/${full.assetTag}`).set(partner)).status).toBe(200);
    const admin = await t.auth('admin');
    expect((await t.http.put(`/api/users/${t.users.partner.id}`).set(admin).send({ organisation: 'Ateliers du Bocage' })).status).toBe(200);
    try {
      expect((await t.http.get(`/api/scan/${full.assetTag}`).set(partner)).status).toBe(403);
    } finally {
      expect((await t.http.put(`/api/users/${t.users.partner.id}`).set(admin).send({ organisation: 'Emmaüs Connect' })).status).toBe(200);
    }
    expect((await t.http.get(`/api/scan/${full.assetTag}`).set(partner)).status).toBe(200);
  });
});

/**
 * GET /api/devices/:id as the hot path answers it: the device page also gets the specs worded for
 * people (`specs`, read from the device's media and inventories), which the scan and the transition
 * leave out so that each stays one statement; everything else is the same card.
 */
async function deviceCard(id: number, auth: Record<string, string>) {
  const response = await t.http.get(`/api/devices/${id}`).set(auth);
  expect(response.status).toBe(200);
  expect(response.body.specs).toBeDefined();
  const { specs: _worded, ...card } = response.body;
  return card;
}

describe('scan and transition answers (plain SQL) are the ORM answers', () => {
  it('gives, for every role that scans, the same device card as GET /api/devices/:id, every field filled', async () => {
    for (const role of ['admin', 'it_staff', 'partner'] as const) {
      const auth = await t.auth(role);
      const scan = await t.http.get(`/api/scan/${full.assetTag.toLowerCase()}`).set(auth);
      expect(scan.status, role).toBe(200);
      expect(scan.body).toEqual({ kind: 'device', id: full.id, device: await deviceCard(full.id, auth) });
    }
    const card = (await t.http.get(`/api/scan/${full.assetTag}`).set(await t.auth('it_staff'))).body.device;
    expect(card).toMatchObject({
      batch: batchId,
      inventoryNumber: 'INV-42',
      ramGb: 16,
      refurbishedGrade: 'A',
      certificateNumber: 'CERT-2026-000042',
      missingSince: '2026-10-03T06:15:42.123Z',
      noStorage: false,
      version: 1,
    });
    expect(card.labelPrintedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('finds a device by serial number with nulls where nothing is known', async () => {
    const auth = await t.auth('partner');
    const scan = await t.http.get('/api/scan/Hot-Path-Bare').set(auth);
    expect(scan.status).toBe(200);
    expect(scan.body).toEqual({ kind: 'device', id: bare.id, device: await deviceCard(bare.id, auth) });
    // the batch it was handed over in is known: the partner sees a device through it
    expect(scan.body.device).toMatchObject({ batch: expect.any(Number), brand: null, missingSince: null, labelPrintedAt: null, refurbishedGrade: null });
  });

  it('answers a transition with the device as stored, refuses a stale version (409) and an unknown device (404)', async () => {
    const auth = await t.auth('partner');
    const scanned = (await t.http.get(`/api/scan/${bare.assetTag}`).set(auth)).body.device;
    const stale = await t.http.post(`/api/devices/${bare.id}/transitions`).set(auth).send({ to: 'refurbished', grade: 'C', version: scanned.version + 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('CONCURRENT_CHANGE');
    const done = await t.http.post(`/api/devices/${bare.id}/transitions`).set(auth).send({ to: 'refurbished', grade: 'C', version: scanned.version });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'refurbished', refurbishedGrade: 'C', version: scanned.version + 1 });
    expect(done.body).toEqual(await deviceCard(bare.id, auth));
    const events = await t.sql<{ count: string }>(`select count(*) from events where device_id = $1 and type = 'transition' and to_status = 'refurbished'`, [bare.id]);
    expect(events[0].count).toBe('1');
    const missing = await t.http.post('/api/devices/999999/transitions').set(auth).send({ to: 'refurbished' });
    expect(missing.status).toBe(404);
  });
});

describe('transition in one statement (the partner desk), errors as before', () => {
  async function handedOverDevice(serial: string) {
    const device = (await t.http.post('/api/devices').set(await t.auth('it_staff')).send({ type: 'laptop', originSite: 'Dépôt DSI — Lille', serialNumber: serial })).body;
    await handOver(t, [device.id]);
    return device as { id: number; assetTag: string };
  }
  const transitionEvents = (id: number) => t.sql<{ from_status: string; to_status: string; reason: string | null; actor_id: number }>(`select from_status, to_status, reason, actor_id from events where device_id = $1 and type = 'transition' order by id`, [id]);

  it('records the event with the status it left, for the partner and the admin, with or without a version', async () => {
    const recycled = await handedOverDevice('HOT-ONE-1');
    const partner = await t.auth('partner');
    const done = await t.http.post(`/api/devices/${recycled.id}/transitions`).set(partner).send({ to: 'recycled', reason: 'Carte mère HS' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'recycled', version: 3, allowedTransitions: [] });
    expect(await transitionEvents(recycled.id)).toEqual([{ from_status: 'handed_over', to_status: 'recycled', reason: 'Carte mère HS', actor_id: t.users.partner.id }]);
    const byAdmin = await handedOverDevice('HOT-ONE-2');
    const admin = await t.http.post(`/api/devices/${byAdmin.id}/transitions`).set(await t.auth('admin')).send({ to: 'refurbished', grade: 'A', version: 2 });
    expect(admin.status).toBe(200);
    expect(admin.body).toMatchObject({ status: 'refurbished', refurbishedGrade: 'A', version: 3 });
  });

  it('explains a refusal as the full path does: wrong status, missing reason, wrong role', async () => {
    const partner = await t.auth('partner');
    const inDepot = (await t.http.post('/api/devices').set(await t.auth('it_staff')).send({ type: 'laptop', originSite: 'Dépôt DSI — Lille', serialNumber: 'HOT-DEPOT-1' })).body;
    // a device still at the depot is none of the partner's business: nothing is said of its status
    const notTheirs = await t.http.post(`/api/devices/${inDepot.id}/transitions`).set(partner).send({ to: 'refurbished', version: 1 });
    expect(notTheirs.status).toBe(403);
    expect(JSON.stringify(notTheirs.body)).not.toContain('registered');
    const done = await handedOverDevice('HOT-REFUSED-0');
    await t.sql(`update devices set status = 'recycled' where id = $1`, [done.id]);
    const wrongStatus = await t.http.post(`/api/devices/${done.id}/transitions`).set(partner).send({ to: 'refurbished' });
    expect(wrongStatus.status).toBe(409);
    expect(wrongStatus.body.error).toMatchObject({ code: 'TRANSITION_NOT_ALLOWED', details: { from: 'recycled', to: 'refurbished', allowed: [] } });
    const device = await handedOverDevice('HOT-REFUSED-1');
    const noReason = await t.http.post(`/api/devices/${device.id}/transitions`).set(partner).send({ to: 'recycled' });
    expect(noReason.status).toBe(400);
    const wrongRole = await t.http.post(`/api/devices/${device.id}/transitions`).set(await t.auth('it_staff')).send({ to: 'refurbished' });
    expect(wrongRole.status).toBe(403);
    // a stale version is reported before the rules, as before
    const staleAndWrong = await t.http.post(`/api/devices/${done.id}/transitions`).set(partner).send({ to: 'refurbished', version: 7 });
    expect(staleAndWrong.body.error.code).toBe('CONCURRENT_CHANGE');
    expect(await transitionEvents(device.id)).toEqual([]);
    expect((await t.sql<{ status: string; version: number }>(`select status, version from devices where id = $1`, [device.id]))[0]).toEqual({ status: 'handed_over', version: 2 });
  });

  it('lets exactly one of two simultaneous transitions of one device through', async () => {
    const device = await handedOverDevice('HOT-RACE-1');
    const partner = await t.auth('partner');
    const attempts = await Promise.all([
      t.http.post(`/api/devices/${device.id}/transitions`).set(partner).send({ to: 'refurbished', grade: 'B' }),
      t.http.post(`/api/devices/${device.id}/transitions`).set(partner).send({ to: 'recycled', reason: 'Écran cassé' }),
    ]);
    expect(attempts.map((attempt) => attempt.status).sort()).toEqual([200, 409]);
    const events = await transitionEvents(device.id);
    expect(events).toHaveLength(1);
    expect(events[0].from_status).toBe('handed_over');
    const winner = attempts.find((attempt) => attempt.status === 200)!;
    expect(events[0].to_status).toBe(winner.body.status);
  });
});

describe('routing', () => {
  it('hands a request to the router of its operation, and answers a path in any case as Express does', async () => {
    const staff = await t.auth('it_staff');
    expect((await t.http.get('/api/devices').set(staff)).status).toBe(200);
    // findOperation matches the declared paths as written; Express, whatever their case
    const mixedCase = await t.http.get('/api/Devices').set(staff);
    expect(mixedCase.status).toBe(200);
    expect(mixedCase.headers['content-range']).toMatch(/^devices /);
    const login = await t.http.post('/api/Auth/login').send({ email: TEST_USERS.it_staff.email, password: TEST_PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body.token).toEqual(expect.any(String));
    const unknown = await t.http.get('/api/nothing-here').set(staff);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('ROUTE_NOT_FOUND');
  });
});

describe('request log', () => {
  it('writes one line per request with who, what and the status, never the query string or the token', async () => {
    const { app, lines } = appLoggingTo();
    const token = await t.token('it_staff');
    const response = await request(app).get('/api/devices?filter=%7B%22q%22%3A%22Dupont%22%7D').set('Authorization', `Bearer ${token}`);
    expect(response.status).toBe(200);
    // read afresh every time: no ETag, so never a 304 (api/app.ts)
    expect(response.headers.etag).toBeUndefined();
    const unauthenticated = await request(app).get('/api/devices');
    expect(unauthenticated.status).toBe(401);
    await new Promise((resolve) => setImmediate(resolve));
    const completed = lines.filter((line) => line.msg === 'request completed');
    expect(completed).toHaveLength(2);
    expect(completed[0]).toMatchObject({
      level: 30,
      req: { id: response.headers['x-request-id'], method: 'GET', path: '/api/devices' },
      userId: t.users.it_staff.id,
      res: { statusCode: 200 },
      responseTime: expect.any(Number),
    });
    expect(completed[1]).toMatchObject({ req: { method: 'GET', path: '/api/devices' }, res: { statusCode: 401 } });
    expect(completed[1]).not.toHaveProperty('userId');
    const text = JSON.stringify(lines);
    expect(text).not.toContain('Dupont');
    expect(text).not.toContain(token);
  });

  it('writes a request whose connection closed before its answer as aborted, once', async () => {
    const { logger, lines } = collectedLog();
    // the request log in front of a handler still at work when the phone loses the network
    const slow = express();
    slow.use(requestLog(logger));
    slow.get('/api/slow', (_req, res) => void setTimeout(() => res.json({ done: true }), 400));
    const server = slow.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const sent = http.get({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, path: '/api/slow?q=Dupont' });
      sent.on('error', () => undefined);
      await new Promise((resolve) => setTimeout(resolve, 100));
      sent.destroy();
      await expect.poll(() => lines.length).toBe(1);
      expect(lines[0]).toMatchObject({ level: 30, msg: 'request aborted', req: { method: 'GET', path: '/api/slow' } });
      // the handler's late answer writes no second line
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(lines).toHaveLength(1);
    } finally {
      server.close();
    }
  });

  it('writes an unexpected error at error level with the reference the user is given, and its request line too', async () => {
    const { app, lines } = appLoggingTo();
    const token = await t.token('viewer');
    // a table gone from under the running app: the query fails with an error nobody planned for
    await t.sql('alter table factors rename to factors_gone');
    let response;
    try {
      response = await request(app).get('/api/factors').set('Authorization', `Bearer ${token}`);
    } finally {
      await t.sql('alter table factors_gone rename to factors');
    }
    expect(response.status).toBe(500);
    const id = response.headers['x-request-id'];
    expect(response.body.error).toMatchObject({ code: 'INTERNAL_ERROR', message: `Erreur interne. Référence à transmettre au support : ${id}.` });
    await new Promise((resolve) => setImmediate(resolve));
    const error = lines.find((line) => line.msg === 'unexpected error');
    expect(error).toMatchObject({ level: 50, req: { id, method: 'GET', path: '/api/factors' }, err: { message: expect.stringContaining('factors') } });
    expect(lines.find((line) => line.msg === 'request errored')).toMatchObject({ level: 50, req: { id }, res: { statusCode: 500 }, userId: t.users.viewer.id });
  });
});

/** A logger whose lines are collected, parsed. */
function collectedLog() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, sink), lines };
}

/** An app whose log lines are collected, parsed. */
function appLoggingTo() {
  const { logger, lines } = collectedLog();
  return { app: createApp({ orm: t.orm, config: t.config, logger }), lines };
}
