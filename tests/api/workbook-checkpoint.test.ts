import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binaryParser, createTestApp, type TestApp } from '../helpers/app.js';
import { generateSignerKey } from '../../api/transparency/signed-note.js';

/** The committee's workbook prints the transparency log's latest signed checkpoint on its « Méthodologie » sheet. */
let t: TestApp;
const ORIGIN = 'reemploi.test/workbook';

beforeAll(async () => {
  t = await createTestApp({ TRANSPARENCY_ORIGIN: ORIGIN, TRANSPARENCY_SIGNING_KEY: generateSignerKey(ORIGIN) });
});
afterAll(async () => {
  await t.close();
});

async function methodology() {
  const response = await t.http.get('/api/reports/partnership.xlsx?from=2026-01-01&to=2026-12-31').set(await t.auth('viewer')).buffer(true).parse(binaryParser);
  expect(response.status).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(response.body as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet('Méthodologie')!;
  const values = new Map<string, unknown>();
  sheet.eachRow((row) => values.set(String(row.getCell(1).value), row.getCell(3).value));
  return values;
}

describe('the workbook’s « Méthodologie » sheet', () => {
  it('says when no checkpoint is signed yet, then prints the latest one: number, size, root and time', async () => {
    expect((await methodology()).get('Point de contrôle')).toBe('aucun point de contrôle signé à la date du classeur');
    const created = await t.http.post('/api/devices').set(await t.auth('it_staff')).send({ type: 'laptop', originSite: 'Dépôt DSI — Lille', serialNumber: 'WORKBOOK-1' });
    expect(created.status).toBe(201);
    expect((await t.http.post('/api/jobs/sign-checkpoint/run').set(await t.auth('admin'))).status).toBe(200);
    const checkpoint = (await t.http.get('/api/transparency/checkpoint')).body as { id: number; treeSize: number; rootHash: string; signedAt: string };
    const sheet = await methodology();
    expect(sheet.get('Journal de transparence')).toBe('Dernier point de contrôle signé');
    expect(sheet.get('Point de contrôle n°')).toBe(checkpoint.id);
    expect(sheet.get('Taille (feuilles)')).toBe(checkpoint.treeSize);
    expect(sheet.get('Racine (SHA-256, base64)')).toBe(checkpoint.rootHash);
    expect(sheet.get('Signé le')).toBeInstanceOf(Date);
  });
});
