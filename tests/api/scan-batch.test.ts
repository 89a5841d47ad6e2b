import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const IN_A_MONTH = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

async function draftBatch(partner?: string) {
  const response = await t.http.post('/api/batches').set(await t.auth('it_staff')).send({ site: 'Dépôt DSI — Lille', plannedAt: IN_A_MONTH, ...(partner ? { partner } : {}) });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as { id: number; reference: string };
}

async function makeReady(batchId: number) {
  const tech = await t.auth('it_staff');
  const device = (await t.http.post('/api/devices').set(tech).send({ type: 'monitor', brand: 'Dell', model: 'P2419H', originSite: 'Dépôt DSI — Lille' })).body;
  await t.http.post(`/api/devices/${device.id}/no-storage`).set(tech);
  expect((await t.http.post(`/api/batches/${batchId}/devices`).set(tech).send({ ids: [device.id] })).status).toBe(200);
  expect((await t.http.post(`/api/batches/${batchId}/ready`).set(tech)).status).toBe(200);
}

describe('scanning the barcode of a manifest (batch reference)', () => {
  it('answers the batch to depot staff, and to the partner once it is ready and addressed to them', async () => {
    const batch = await draftBatch();
    const tech = await t.http.get(`/api/scan/${batch.reference.toLowerCase()}`).set(await t.auth('it_staff'));
    expect(tech.status).toBe(200);
    expect(tech.body).toEqual({ kind: 'batch', id: batch.id, batch: { reference: batch.reference, status: 'draft' } });
    const partner = await t.auth('partner');
    const whileDraft = await t.http.get(`/api/scan/${batch.reference}`).set(partner);
    expect(whileDraft.status).toBe(404);
    expect(whileDraft.body.error.code).toBe('UNKNOWN_CODE');
    await makeReady(batch.id);
    expect((await t.http.get(`/api/scan/${batch.reference}`).set(partner)).body).toMatchObject({ kind: 'batch', id: batch.id, batch: { status: 'ready' } });
    expect((await t.http.get(`/api/scan/${batch.reference}`).set(await t.auth('admin'))).status).toBe(200);
    const foreign = await draftBatch('Autre association');
    await makeReady(foreign.id);
    expect((await t.http.get(`/api/scan/${foreign.reference}`).set(partner)).status).toBe(404);
  });

  it('says which reference is unknown, and refuses roles that do not see batches', async () => {
    const unknown = await t.http.get('/api/scan/LOT-2026-9999').set(await t.auth('it_staff'));
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe('Aucun lot ne porte la référence LOT-2026-9999.');
    const batch = await draftBatch();
    const social = await t.http.get(`/api/scan/${batch.reference}`).set(await t.auth('social_worker'));
    expect(social.status).toBe(403);
    expect(social.body.error.message).toMatch(/référence de lot/);
    expect((await t.http.get(`/api/scan/${batch.reference}`).set(await t.auth('viewer'))).status).toBe(403);
  });
});
