import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binaryParser, createTestApp, type TestApp } from '../helpers/app.js';
import { leafHash, verifyInclusion } from '../../api/transparency/merkle.js';
import { generateSignerKey } from '../../api/transparency/signed-note.js';

/** Every certificate and manifest PDF issued is a leaf of the transparency log, by its SHA-256. */
let t: TestApp;
const SITE = 'Dépôt DSI — Lille';
const ORIGIN = 'reemploi.test/documents';
let serial = 0;

beforeAll(async () => {
  t = await createTestApp({ TRANSPARENCY_ORIGIN: ORIGIN, TRANSPARENCY_SIGNING_KEY: generateSignerKey(ORIGIN) });
});
afterAll(async () => {
  await t.close();
});

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function certifiedDevice() {
  const tech = await t.auth('it_staff');
  const created = await t.http.post('/api/devices').set(tech).send({ type: 'laptop', originSite: SITE, serialNumber: `DOC-${++serial}-${process.pid}` });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const certified = await t.http.post(`/api/devices/${created.body.id}/no-storage`).set(tech);
  expect(certified.status).toBe(200);
  return { id: created.body.id as number, assetTag: created.body.assetTag as string, certificateNumber: certified.body.certificateNumber as string };
}

async function download(url: string, role: 'it_staff' | 'partner' = 'it_staff'): Promise<Buffer> {
  const response = await t.http.get(url).set(await t.auth(role)).buffer(true).parse(binaryParser);
  expect(response.status).toBe(200);
  return response.body as Buffer;
}

async function documentLeaves(hash: string) {
  return t.sql<{ leaf_index: string; entry: string; device_id: number | null }>(
    `select l.leaf_index, l.entry, l.device_id from transparency_leaves l join issued_documents d on l.kind = 'document' and l.record_id = d.id where d.sha256 = decode($1, 'hex')`,
    [hash],
  );
}

describe('an issued certificate PDF', () => {
  it('is recorded once by its SHA-256 (same data, same bytes) and is a leaf of the log without personal data', async () => {
    const device = await certifiedDevice();
    const first = await download(`/api/devices/${device.id}/certificate.pdf`);
    const again = await download(`/api/devices/${device.id}/certificate.pdf`);
    expect(sha256(again)).toBe(sha256(first));
    const rows = await t.sql<{ kind: string; reference: string }>(`select kind, reference from issued_documents where sha256 = decode($1, 'hex')`, [sha256(first)]);
    expect(rows).toEqual([{ kind: 'certificate', reference: device.certificateNumber }]);
    const [leaf] = await documentLeaves(sha256(first));
    expect(leaf.device_id).toBeNull();
    expect(Object.keys(JSON.parse(leaf.entry))).toEqual(['at', 'document', 'id', 'kind', 'reference', 'sha256']);
    expect(JSON.parse(leaf.entry)).toMatchObject({ kind: 'document', document: 'certificate', reference: device.certificateNumber, sha256: sha256(first) });
    expect((await t.http.get('/api/transparency/unlogged')).body).toEqual([]);
  });

  it('is logged again when it changes (a newer checkpoint is printed on it): each distinct file issued is a leaf', async () => {
    const device = await certifiedDevice();
    const before = await download(`/api/devices/${device.id}/certificate.pdf`);
    expect((await t.http.post('/api/jobs/sign-checkpoint/run').set(await t.auth('admin'))).status).toBe(200);
    const after = await download(`/api/devices/${device.id}/certificate.pdf`);
    expect(sha256(after)).not.toBe(sha256(before));
    expect(await documentLeaves(sha256(before))).toHaveLength(1);
    expect(await documentLeaves(sha256(after))).toHaveLength(1);
  });
});

describe("a batch's manifest and certificates PDFs", () => {
  it('are recorded by their SHA-256, with the batch reference', async () => {
    const tech = await t.auth('it_staff');
    const device = await certifiedDevice();
    const batch = await t.http.post('/api/batches').set(tech).send({ site: SITE, plannedAt: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10) });
    expect(batch.status, JSON.stringify(batch.body)).toBe(201);
    expect((await t.http.post(`/api/batches/${batch.body.id}/devices`).set(tech).send({ assetTags: [device.assetTag] })).status).toBe(200);
    expect((await t.http.post(`/api/batches/${batch.body.id}/ready`).set(tech)).status).toBe(200);
    const manifest = await download(`/api/batches/${batch.body.id}/manifest.pdf`);
    expect(sha256(await download(`/api/batches/${batch.body.id}/manifest.pdf`))).toBe(sha256(manifest));
    const certificates = await download(`/api/batches/${batch.body.id}/certificates.pdf`);
    expect(sha256(await download(`/api/batches/${batch.body.id}/certificates.pdf`))).toBe(sha256(certificates));
    const rows = await t.sql<{ kind: string; reference: string; sha: string }>(
      `select kind, reference, encode(sha256, 'hex') as sha from issued_documents where reference = $1 order by id`,
      [batch.body.reference],
    );
    expect(rows).toEqual([
      { kind: 'manifest', reference: batch.body.reference, sha: sha256(manifest) },
      { kind: 'batch-certificates', reference: batch.body.reference, sha: sha256(certificates) },
    ]);
    expect(await documentLeaves(sha256(manifest))).toHaveLength(1);
  });

  it('give the same bytes however many are rendered at once (a barcode per device, decoded by PDFKit on the thread pool)', async () => {
    const tech = await t.auth('it_staff');
    const devices = [];
    for (let i = 0; i < 12; i++) devices.push(await certifiedDevice());
    const batch = await t.http.post('/api/batches').set(tech).send({ site: SITE, plannedAt: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10) });
    expect((await t.http.post(`/api/batches/${batch.body.id}/devices`).set(tech).send({ assetTags: devices.map((device) => device.assetTag) })).status).toBe(200);
    expect((await t.http.post(`/api/batches/${batch.body.id}/ready`).set(tech)).status).toBe(200);
    const urls = [`/api/batches/${batch.body.id}/manifest.pdf`, `/api/batches/${batch.body.id}/certificates.pdf`, ...devices.slice(0, 4).map((device) => `/api/devices/${device.id}/certificate.pdf`)];
    const rounds = await Promise.all(Array.from({ length: 4 }, () => Promise.all(urls.map(async (url) => sha256(await download(url))))));
    for (const round of rounds.slice(1)) expect(round).toEqual(rounds[0]);
    const issued = await t.sql<{ n: number }>(`select count(*)::int as n from issued_documents where encode(sha256, 'hex') = any($1)`, [rounds[0]]);
    expect(issued).toEqual([{ n: urls.length }]);
  });
});

describe('GET /api/transparency/documents/:sha256 (public)', () => {
  it('says when the server issued the document, with its leaf and an inclusion proof that verifies against the signed checkpoint', async () => {
    const device = await certifiedDevice();
    const pdf = await download(`/api/devices/${device.id}/certificate.pdf`);
    const hash = sha256(pdf);
    const pending = await t.http.get(`/api/transparency/documents/${hash}`);
    expect(pending.status).toBe(200);
    expect(pending.body).toMatchObject({ sha256: hash, kind: 'certificate', reference: device.certificateNumber, inclusion: null });
    expect((await t.http.post('/api/jobs/sign-checkpoint/run').set(await t.auth('admin'))).status).toBe(200);
    const checkpoint = (await t.http.get('/api/transparency/checkpoint')).body as { id: number; treeSize: number; rootHash: string };
    const answer = await t.http.get(`/api/transparency/documents/${hash.toUpperCase()}`);
    expect(answer.status).toBe(200);
    const { leafIndex, entry, inclusion, issuedAt } = answer.body;
    expect(new Date(issuedAt).getTime()).toBeLessThanOrEqual(Date.now());
    expect(JSON.parse(entry)).toMatchObject({ kind: 'document', sha256: hash });
    expect(inclusion.checkpoint).toMatchObject({ id: checkpoint.id, treeSize: checkpoint.treeSize, rootHash: checkpoint.rootHash });
    const proof = inclusion.proof.map((node: string) => Buffer.from(node, 'base64'));
    expect(verifyInclusion(leafIndex, checkpoint.treeSize, leafHash(entry), proof, Buffer.from(checkpoint.rootHash, 'base64'))).toBe(true);
  });

  it('answers 404 for a document the server did not issue (a PDF modified by one byte) and 400 for what is not a SHA-256', async () => {
    const device = await certifiedDevice();
    const pdf = await download(`/api/devices/${device.id}/certificate.pdf`);
    const modified = Buffer.from(pdf);
    modified[modified.length - 10] ^= 1;
    const unknown = await t.http.get(`/api/transparency/documents/${sha256(modified)}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('UNKNOWN_DOCUMENT');
    const malformed = await t.http.get('/api/transparency/documents/not-a-hash');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toMatch(/SHA-256/);
  });
});
