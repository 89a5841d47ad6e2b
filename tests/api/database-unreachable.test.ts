import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../../api/db/embedded-postgres.js';
import { createTestApp, TEST_PASSWORD, TEST_USERS, type TestApp } from '../helpers/app.js';
import { call, startChildServer, type ChildServer } from '../helpers/server-process.js';

/**
 * With DATABASE_URL (issue #20 §10): while the database server cannot be reached, every request is
 * answered 503 with Retry-After, not 500; the pool reconnects when it is back. The "network" is a
 * TCP relay in front of the test database that the test cuts and restores.
 */
let t: TestApp;
let server: ChildServer | undefined;
let relay: ReturnType<typeof tcpRelay>;

function tcpRelay(target: { host: string; port: number }, port: number) {
  const sockets = new Set<net.Socket>();
  let listener: net.Server | undefined;
  const open = () =>
    new Promise<void>((resolve) => {
      listener = net.createServer((client) => {
        const upstream = net.connect(target.port, target.host);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => [client, upstream].forEach((each) => each.destroy()));
        }
        client.pipe(upstream).pipe(client);
      });
      listener.listen(port, '127.0.0.1', () => resolve());
    });
  const cut = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      listener!.close(() => resolve());
    });
  return { open, cut };
}

beforeAll(async () => {
  t = await createTestApp();
  const database = new URL(t.databaseUrl);
  const relayPort = await findFreePort();
  relay = tcpRelay({ host: database.hostname, port: Number(database.port) }, relayPort);
  await relay.open();
  database.port = String(relayPort);
  server = await startChildServer(database.toString());
});
afterAll(async () => {
  await server?.kill();
  await relay.cut().catch(() => {});
  await t.close();
});

describe('the database server unreachable (DATABASE_URL)', () => {
  it('answers 503 with Retry-After and a French message, health included, then 200 once it is back', async () => {
    const token = await t.token('viewer');
    expect((await call(server!.port, 'GET', '/api/me', token)).status).toBe(200);
    await relay.cut();

    const answers = [
      await call(server!.port, 'GET', '/api/health'),
      await call(server!.port, 'GET', '/api/me', token),
      await call(server!.port, 'GET', '/api/devices', token),
      await call(server!.port, 'POST', '/api/auth/login', undefined, { email: TEST_USERS.viewer.email, password: TEST_PASSWORD }),
    ];
    for (const answer of answers) {
      expect(answer.status, JSON.stringify(answer.body)).toBe(503);
      expect(answer.headers.get('retry-after')).toBe('5');
      expect(answer.body.error).toMatchObject({ code: 'DATABASE_UNAVAILABLE', message: expect.stringMatching(/indisponible/) });
      expect(answer.body.error.details.reason).toMatch(/^Le serveur de base de données est injoignable/);
      // no host or port of the infrastructure in a public answer
      expect(JSON.stringify(answer.body)).not.toMatch(/127\.0\.0\.1|:\d{4,5}/);
    }

    await relay.open();
    await expect.poll(async () => (await call(server!.port, 'GET', '/api/health')).status, { timeout: 20_000 }).toBe(200);
    expect((await call(server!.port, 'GET', '/api/me', token)).status).toBe(200);
    expect(server!.child.exitCode).toBeNull();
  }, 60_000);
});
