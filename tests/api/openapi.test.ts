import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';

/**
 * The OpenAPI document is a contract clients are generated from: it must lint clean, give every
 * operation a unique operationId and typed path ids, and generate a client that type-checks.
 * (Every status the suite observes is checked against it by tests/helpers/global-setup.ts.)
 */

const run = promisify(execFile);
let t: TestApp;
let document: { paths: Record<string, Record<string, { operationId?: string; parameters?: { name: string; in: string; schema: { type: string } }[]; responses: Record<string, unknown> }>> };
const folder = path.resolve('tests/.tmp', `openapi-${process.pid}`);

beforeAll(async () => {
  t = await createTestApp();
  document = (await t.http.get('/api/openapi.json')).body;
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, 'openapi.json'), JSON.stringify(document));
});
afterAll(() => t.close());

const operations = () => Object.entries(document.paths).flatMap(([route, methods]) => Object.entries(methods).map(([method, operation]) => ({ route, method, operation })));

describe('the OpenAPI document', () => {
  it('passes Redocly CLI’s recommended rules with no error and no warning', async () => {
    const { stdout, stderr } = await run('npx', ['redocly', 'lint', path.join(folder, 'openapi.json'), '--format=json'], { timeout: 120_000, maxBuffer: 16 * 1024 * 1024 }).catch((error) => error);
    const report = JSON.parse(stdout) as { totals: { errors: number; warnings: number }; problems: { ruleId: string; message: string }[] };
    expect(report.problems.map((problem) => `${problem.ruleId}: ${problem.message}`), stderr).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  });

  it('names every operation with a unique operationId', () => {
    const ids = operations().map(({ operation }) => operation.operationId);
    expect(ids.length).toBeGreaterThan(100);
    expect(ids.every((id) => typeof id === 'string' && /^[a-z][A-Za-z]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['listDevices', 'transitionDevice', 'confirmBatchPickup', 'createAllocation', 'login']));
  });

  it('types path ids as the positive integers the server parses, and documents 401/403/404 where they can happen', () => {
    const transition = document.paths['/api/devices/{id}/transitions'].post;
    expect(transition.parameters).toContainEqual(expect.objectContaining({ name: 'id', in: 'path', schema: expect.objectContaining({ type: 'integer', minimum: 1 }) }));
    expect(Object.keys(transition.responses).sort()).toEqual(['200', '400', '401', '403', '404', '409', '413', '415', '503']);
    expect(Object.keys(document.paths['/api/auth/login'].post.responses).sort()).toEqual(['200', '400', '401', '413', '415', '429', '503']);
    expect(Object.keys(document.paths['/api/devices'].post.responses)).toContain('201');
    for (const { route, operation } of operations()) {
      for (const parameter of operation.parameters?.filter((candidate) => candidate.in === 'path' && /^(id|\w+Id)$/.test(candidate.name)) ?? []) {
        expect(parameter.schema.type, `${route} ${parameter.name}`).toBe('integer');
        expect(operation.responses, route).toHaveProperty('404');
      }
    }
  });

  it("declares the wiping station's token on exactly the two routes it opens", () => {
    const withStationToken = operations()
      .filter(({ operation }) => JSON.stringify((operation as { security?: unknown }).security ?? []).includes('stationToken'))
      .map(({ operation }) => operation.operationId)
      .sort();
    expect(withStationToken).toEqual(['importHardwareInventory', 'importWipeLog']);
  });

  it('generates a typed client (openapi-typescript) whose calls type-check, and whose wrong calls do not', async () => {
    writeFileSync(path.join(folder, 'schema.d.ts'), astToString(await openapiTS(JSON.stringify(document))));
    writeFileSync(
      path.join(folder, 'calls.ts'),
      `import type { paths } from './schema.js';
type Transition = paths['/api/devices/{id}/transitions']['post'];
export const ok: Transition['parameters']['path'] = { id: 42 };
export const body: NonNullable<Transition['requestBody']>['content']['application/json'] = { to: 'recycled', reason: 'Carte mère hors service' };
type Device = paths['/api/devices/{id}']['get']['responses'][200]['content']['application/json'];
export const tag = (device: Device): string => device.assetTag;
type Refused = paths['/api/batches/{id}/pickup']['post']['responses'][422]['content']['application/json'];
export const code = (refusal: Refused): string => refusal.error.code;
// @ts-expect-error a path id is a number
export const badId: Transition['parameters']['path'] = { id: 'forty-two' };
// @ts-expect-error not a status of the lifecycle
export const badBody: NonNullable<Transition['requestBody']>['content']['application/json'] = { to: 'lost' };
`,
    );
    const program = ts.createProgram([path.join(folder, 'calls.ts')], { strict: true, noEmit: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, skipLibCheck: false });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    expect(diagnostics).toEqual([]);
  }, 120_000); // compiles the whole generated client: slow on a busy machine
});

describe('HTTP semantics', () => {
  it('answers 405 with Allow to a method a known path does not have, before asking who calls', async () => {
    const response = await t.http.patch('/api/devices/1');
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('GET, PUT, DELETE, HEAD');
    expect(response.body.error).toMatchObject({ code: 'METHOD_NOT_ALLOWED', details: { allow: ['GET', 'PUT', 'DELETE', 'HEAD'] } });
    expect((await t.http.put('/api/labels.pdf').set(await t.auth('admin'))).status).toBe(405);
    expect((await t.http.get('/api/no-such-thing').set(await t.auth('admin'))).status).toBe(404);
  });

  it('answers 404, not 409, to a refused delete or edit of something that does not exist', async () => {
    const admin = await t.auth('admin');
    for (const missing of ['/api/devices/999999', '/api/users/999999', '/api/batches/999999']) {
      const response = await t.http.delete(missing).set(admin);
      expect(response.status, missing).toBe(404);
      expect(response.body.error.code).toBe('NOT_FOUND');
    }
    expect((await t.http.put('/api/media/999999').set(admin).send({})).status).toBe(404);
    expect((await t.http.delete('/api/beneficiaries/999999').set(await t.auth('social_worker'))).status).toBe(404);
    const device = await t.http.post('/api/devices').set(admin).send({ type: 'laptop', originSite: 'Dépôt DSI — Lille' });
    expect((await t.http.delete(`/api/devices/${device.body.id}`).set(admin)).status).toBe(409);
  });
});
