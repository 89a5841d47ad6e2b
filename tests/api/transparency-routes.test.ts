import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binaryParser, createTestApp, type TestApp } from '../helpers/app.js';
import { leafHash, MerkleTree, verifyConsistency, verifyInclusion } from '../../api/transparency/merkle.js';
import { generateSignerKey, openNote, parseCheckpointText, parseVerifierKey } from '../../api/transparency/signed-note.js';

/**
 * The transparency log's public routes and a device's custody proof, checked as an outsider would:
 * signatures with the published key, proofs with RFC 9162, and once by a script that shares no
 * code with the project.
 */
let t: TestApp;
let server: Server;
let baseUrl: string;
const SITE = 'Dépôt DSI — Lille';
const ORIGIN = 'reemploi.test/custody';
let serial = 0;

beforeAll(async () => {
  t = await createTestApp({ TRANSPARENCY_ORIGIN: ORIGIN, TRANSPARENCY_SIGNING_KEY: generateSignerKey(ORIGIN) });
  server = createServer(t.app).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

async function newDevice() {
  const created = await t.http.post('/api/devices').set(await t.auth('it_staff')).send({ type: 'laptop', originSite: SITE, serialNumber: `PROOF-${++serial}-${process.pid}` });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body as { id: number; assetTag: string };
}

async function signCheckpoint() {
  const run = await t.http.post('/api/jobs/sign-checkpoint/run').set(await t.auth('admin'));
  expect(run.status, JSON.stringify(run.body)).toBe(200);
  const latest = await t.http.get('/api/transparency/checkpoint');
  expect(latest.status).toBe(200);
  return latest.body as { id: number; treeSize: number; rootHash: string; note: string; signedAt: string; origin: string };
}

describe('the public transparency routes', () => {
  it('publish a checkpoint signed by the published key, whose root is the tree of the published entries', async () => {
    await newDevice();
    const checkpoint = await signCheckpoint();
    const key = await t.http.get('/api/transparency/key');
    expect(key.status).toBe(200);
    expect(key.body).toMatchObject({ origin: ORIGIN, algorithm: 'Ed25519' });
    const text = openNote(checkpoint.note, parseVerifierKey(key.body.verifierKey));
    const body = parseCheckpointText(text);
    expect(body).toMatchObject({ origin: ORIGIN, size: checkpoint.treeSize });
    expect(body.rootHash.toString('base64')).toBe(checkpoint.rootHash);
    const leaves = await t.http.get('/api/transparency/leaves?from=0');
    expect(leaves.status).toBe(200);
    expect(leaves.body.length).toBeGreaterThanOrEqual(checkpoint.treeSize);
    const tree = new MerkleTree(leaves.body.map((leaf: { entry: string }) => leafHash(leaf.entry)));
    expect(tree.root(checkpoint.treeSize).toString('base64')).toBe(checkpoint.rootHash);
    for (const leaf of leaves.body) expect(leaf.current).toBe(leaf.entry);
    expect((await t.http.get('/api/transparency/unlogged')).body).toEqual([]);
  });

  it('signs a new checkpoint only when the tree grew, keeps them all, and proves each consistent with the next', async () => {
    const first = await signCheckpoint();
    const again = await signCheckpoint();
    expect(again.id).toBe(first.id);
    await newDevice();
    const second = await signCheckpoint();
    expect(second.id).toBeGreaterThan(first.id);
    expect(second.treeSize).toBeGreaterThan(first.treeSize);
    const history = await t.http.get(`/api/transparency/checkpoints?from=${first.id}`);
    expect(history.body.map((checkpoint: { id: number }) => checkpoint.id)).toEqual([first.id, second.id]);
    const consistency = await t.http.get(`/api/transparency/proof/consistency?from=${first.treeSize}&to=${second.treeSize}`);
    expect(consistency.status).toBe(200);
    const proof = consistency.body.proof.map((hash: string) => Buffer.from(hash, 'base64'));
    expect(verifyConsistency(first.treeSize, second.treeSize, proof, Buffer.from(first.rootHash, 'base64'), Buffer.from(second.rootHash, 'base64'))).toBe(true);
  });

  it('gives inclusion proofs that verify, and refuses a leaf or size outside the tree (422) or not a number (400)', async () => {
    const checkpoint = await signCheckpoint();
    const leaf = checkpoint.treeSize - 1;
    const inclusion = await t.http.get(`/api/transparency/proof/inclusion?leaf=${leaf}&size=${checkpoint.treeSize}`);
    expect(inclusion.status).toBe(200);
    const proof = inclusion.body.proof.map((hash: string) => Buffer.from(hash, 'base64'));
    expect(verifyInclusion(leaf, checkpoint.treeSize, leafHash(inclusion.body.entry), proof, Buffer.from(checkpoint.rootHash, 'base64'))).toBe(true);
    expect((await t.http.get(`/api/transparency/proof/inclusion?leaf=${checkpoint.treeSize}&size=${checkpoint.treeSize}`)).status).toBe(422);
    expect((await t.http.get(`/api/transparency/proof/inclusion?leaf=0&size=${checkpoint.treeSize + 1000}`)).status).toBe(422);
    expect((await t.http.get(`/api/transparency/proof/consistency?from=3&to=2`)).status).toBe(422);
    expect((await t.http.get(`/api/transparency/proof/inclusion?leaf=x&size=2`)).status).toBe(400);
    expect((await t.http.get(`/api/transparency/proof/consistency?from=0&to=2`)).status).toBe(400);
  });

  it('are checked by an independent script from the public endpoints alone (RFC 9162 and Ed25519 with node:crypto only)', async () => {
    const checkpoint = await signCheckpoint();
    const script = path.resolve(import.meta.dirname, '../tools/independent-check.mjs');
    for (const leaf of [0, Math.floor(checkpoint.treeSize / 2), checkpoint.treeSize - 1]) {
      const { stdout } = await promisify(execFile)(process.execPath, [script, baseUrl, String(leaf)]);
      expect(stdout.trim()).toBe(`OK ${checkpoint.treeSize} ${checkpoint.rootHash}`);
    }
  });
});

describe('a device’s custody proof', () => {
  it('lists every leaf of the device with its entry and an inclusion proof in the latest checkpoint', async () => {
    const device = await newDevice();
    const moved = await t.http.post(`/api/devices/${device.id}/move`).set(await t.auth('it_staff')).send({ site: 'Dépôt DSI — Valenciennes' });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const checkpoint = await signCheckpoint();
    const answer = await t.http.get(`/api/devices/${device.id}/custody-proof`).set(await t.auth('it_staff'));
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body.checkpoint.id).toBe(checkpoint.id);
    expect(answer.body.leaves.map((leaf: { entry: string }) => JSON.parse(leaf.entry).type)).toEqual(expect.arrayContaining(['moved']));
    expect(answer.body.unlogged).toEqual([]);
    for (const leaf of answer.body.leaves) {
      expect(JSON.parse(leaf.entry).assetTag).toBe(device.assetTag);
      const proof = leaf.proof.map((hash: string) => Buffer.from(hash, 'base64'));
      expect(verifyInclusion(leaf.index, checkpoint.treeSize, leafHash(leaf.entry), proof, Buffer.from(checkpoint.rootHash, 'base64'))).toBe(true);
    }
  });

  it('is refused without a session (401), to roles that may not read devices (403), to the partner before the device is theirs (403), for an unknown device (404)', async () => {
    const device = await newDevice();
    expect((await t.http.get(`/api/devices/${device.id}/custody-proof`)).status).toBe(401);
    expect((await t.http.get(`/api/devices/${device.id}/custody-proof`).set(await t.auth('social_worker'))).status).toBe(403);
    expect((await t.http.get(`/api/devices/${device.id}/custody-proof`).set(await t.auth('viewer'))).status).toBe(403);
    expect((await t.http.get(`/api/devices/${device.id}/custody-proof`).set(await t.auth('partner'))).status).toBe(403);
    expect((await t.http.get(`/api/devices/999999/custody-proof`).set(await t.auth('admin'))).status).toBe(404);
  });
});

describe('a batch pickup', () => {
  it('is followed by a signed checkpoint that includes the handover events', async () => {
    const tech = await t.auth('it_staff');
    const device = await newDevice();
    expect((await t.http.post(`/api/devices/${device.id}/no-storage`).set(tech)).status).toBe(200);
    const batch = await t.http.post('/api/batches').set(tech).send({ site: SITE, plannedAt: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10) });
    expect(batch.status, JSON.stringify(batch.body)).toBe(201);
    expect((await t.http.post(`/api/batches/${batch.body.id}/devices`).set(tech).send({ assetTags: [device.assetTag] })).status).toBe(200);
    expect((await t.http.post(`/api/batches/${batch.body.id}/ready`).set(tech)).status).toBe(200);
    const before = (await t.http.get('/api/transparency/checkpoint')).body as { id: number } | undefined;
    const pickup = await t.http.post(`/api/batches/${batch.body.id}/pickup`).set(await t.auth('partner')).send({ scanned: [device.assetTag] });
    expect(pickup.status, JSON.stringify(pickup.body)).toBe(200);
    const [leaves] = await t.sql<{ size: string }>(`select count(*) as size from transparency_leaves`);
    // signed once the answer is sent: wait for it, no fixed sleep
    await expect.poll(async () => (await t.http.get('/api/transparency/checkpoint')).body.treeSize, { timeout: 10_000 }).toBe(Number(leaves.size));
    const after = (await t.http.get('/api/transparency/checkpoint')).body as { id: number };
    expect(after.id).toBeGreaterThan(before?.id ?? 0);
    const proof = await t.http.get(`/api/devices/${device.id}/custody-proof`).set(tech);
    const handover = proof.body.leaves.find((leaf: { entry: string }) => JSON.parse(leaf.entry).to === 'handed_over');
    expect(handover, JSON.stringify(proof.body.leaves)).toBeDefined();
    expect(handover.proof).toEqual(expect.arrayContaining([expect.any(String)]));
    const manifest = await t.http.get(`/api/batches/${batch.body.id}/manifest.pdf`).set(tech).buffer(true).parse(binaryParser);
    expect(manifest.status).toBe(200);
    const parser = new PDFParse({ data: manifest.body });
    const text = (await parser.getText()).text.replace(/\s+/g, '');
    await parser.destroy();
    const latest = (await t.http.get('/api/transparency/checkpoint')).body as { id: number; rootHash: string };
    expect(text).toContain(`Journaldetransparence:pointdecontrôlen°${latest.id}`);
    expect(text).toContain(latest.rootHash);
  });
});

describe('a certificate', () => {
  it('is shown by the public check as included in a signed checkpoint, with a proof that verifies, and its PDF prints the checkpoint', async () => {
    const tech = await t.auth('it_staff');
    const device = await newDevice();
    const certified = await t.http.post(`/api/devices/${device.id}/no-storage`).set(tech);
    expect(certified.status).toBe(200);
    const number = certified.body.certificateNumber as string;
    const before = await t.http.get(`/api/certificates/${number}`);
    expect(before.body.transparency).toBeNull();
    const checkpoint = await signCheckpoint();
    const check = await t.http.get(`/api/certificates/${number}`);
    expect(check.status).toBe(200);
    const { leafIndex, proof, checkpoint: signed } = check.body.transparency;
    expect(signed).toMatchObject({ id: checkpoint.id, treeSize: checkpoint.treeSize, rootHash: checkpoint.rootHash });
    const [leaf] = await t.sql<{ entry: string }>(`select entry from transparency_leaves where leaf_index = $1`, [leafIndex]);
    expect(JSON.parse(leaf.entry)).toMatchObject({ kind: 'certificate', assetTag: device.assetTag });
    expect(verifyInclusion(leafIndex, checkpoint.treeSize, leafHash(leaf.entry), proof.map((hash: string) => Buffer.from(hash, 'base64')), Buffer.from(checkpoint.rootHash, 'base64'))).toBe(true);
    const html = await t.http.get(`/api/certificates/${number}`).set('Accept', 'text/html');
    expect(html.text).toContain(`dans le point de contrôle n° ${checkpoint.id}`);

    const pdf = await t.http.get(`/api/devices/${device.id}/certificate.pdf`).set(tech).buffer(true).parse(binaryParser);
    expect(pdf.status).toBe(200);
    const parser = new PDFParse({ data: pdf.body });
    const text = (await parser.getText()).text.replace(/\s+/g, '');
    await parser.destroy();
    expect(text).toContain(`pointdecontrôlen°${checkpoint.id}`);
    expect(text).toContain(checkpoint.rootHash);
  });
});

