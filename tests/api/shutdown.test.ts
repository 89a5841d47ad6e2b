import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { startChildServer, type ChildServer } from '../helpers/server-process.js';

/**
 * SIGTERM on a busy instance (issue #20 §12): idle keep-alive connections are closed at once and
 * a request in flight ends the wait as soon as it is answered, instead of the 10 s ceiling.
 */
let t: TestApp;
let server: ChildServer | undefined;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await server?.kill();
  await t.close();
});

/** A GET on a keep-alive connection that the agent keeps open (idle) afterwards. */
function keepAliveGet(agent: http.Agent, port: number, path: string, token: string): Promise<{ status: number; connection?: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path, agent, headers: { authorization: `Bearer ${token}` } }, (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode!, connection: response.headers.connection }));
    });
    request.on('error', reject);
  });
}

async function secondsToExit(target: ChildServer): Promise<number> {
  const started = Date.now();
  await target.stop();
  return (Date.now() - started) / 1000;
}

describe('SIGTERM', () => {
  it('with an idle keep-alive connection open: exits 0 in well under the 10 s ceiling', async () => {
    server = await startChildServer(t.databaseUrl);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    expect((await keepAliveGet(agent, server.port, '/api/me', await t.token('viewer'))).status).toBe(200);
    expect(Object.values(agent.freeSockets).flat()).toHaveLength(1);
    const seconds = await secondsToExit(server);
    expect(await server.exited).toBe(0);
    expect(seconds).toBeLessThan(3);
    agent.destroy();
    server = undefined;
  }, 60_000);

  it('with a request in flight on a keep-alive connection: answers it (Connection: close), then exits at once', async () => {
    server = await startChildServer(t.databaseUrl);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const token = await t.token('viewer');
    expect((await keepAliveGet(agent, server.port, '/api/me', token)).status).toBe(200);
    // in flight for as long as the test likes: the body arrives in two parts, the signal in between
    const body = JSON.stringify({ emailPreference: 'daily' });
    const request = http.request({
      host: '127.0.0.1', port: server.port, path: '/api/me/preferences', method: 'PUT', agent,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    });
    const answer = new Promise<{ status: number; connection?: string }>((resolve, reject) => {
      request.on('response', (response) => {
        response.resume();
        response.on('end', () => resolve({ status: response.statusCode!, connection: response.headers.connection }));
      });
      request.on('error', reject);
    });
    request.write(body.slice(0, 5));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const started = Date.now();
    server.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(server.child.exitCode, 'the server waits for the request in flight').toBeNull();
    request.end(body.slice(5));
    expect(await answer).toEqual({ status: 200, connection: 'close' });
    expect(await server.exited).toBe(0);
    expect((Date.now() - started) / 1000).toBeLessThan(4);
    agent.destroy();
    server = undefined;
  }, 60_000);
});
