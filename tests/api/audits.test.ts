import ExcelJS from 'exceljs';
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binaryParser, createTestApp, type TestApp } from '../helpers/app.js';
import { formatAssetTag } from '../../api/devices/asset-tag.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

let serial = 0;
async function device(site: string, fields: Record<string, unknown> = {}) {
  const response = await t.http.post('/api/devices').set(await t.auth('it_staff')).send({ type: 'monitor', brand: 'HP', model: 'E243', originSite: site, serialNumber: `AUDIT-${++serial}`, ...fields });
  return response.body as { id: number; assetTag: string; serialNumber: string };
}

async function start(site: string) {
  const response = await t.http.post('/api/audits').set(await t.auth('it_staff')).send({ site });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as { id: number; expected: number };
}

async function scan(auditId: number, code: string, role: 'it_staff' | 'admin' = 'it_staff') {
  return t.http.post(`/api/audits/${auditId}/scans`).set(await t.auth(role)).send({ code });
}

describe('a stock-take of a small depot', () => {
  const SITE = 'Antenne de Maubeuge';
  let shelf: { id: number; assetTag: string; serialNumber: string }[];
  let elsewhere: { id: number; assetTag: string };
  let auditId: number;

  beforeAll(async () => {
    shelf = [await device(SITE), await device(SITE), await device(SITE), await device(SITE)];
    elsewhere = await device('Dépôt DSI — Lille');
    const audit = await start(SITE);
    auditId = audit.id;
    expect(audit.expected).toBe(4);
  });

  it('tells found, unexpected, unknown and duplicate scans apart', async () => {
    expect((await scan(auditId, shelf[0].assetTag)).body).toMatchObject({ result: 'found', device: { id: shelf[0].id } });
    expect((await scan(auditId, shelf[1].serialNumber.toLowerCase())).body.result).toBe('found');
    expect((await scan(auditId, shelf[0].assetTag.toLowerCase())).body.result).toBe('duplicate');
    // the same device by its serial number is still the same device
    expect((await scan(auditId, shelf[1].assetTag)).body.result).toBe('duplicate');
    expect((await scan(auditId, elsewhere.assetTag)).body).toMatchObject({ result: 'unexpected', device: { site: 'Dépôt DSI — Lille' } });
    const unknown = formatAssetTag({ prefix: 'CD59', digits: 6 }, 888888);
    const response = await scan(auditId, unknown);
    expect(response.body).toMatchObject({ result: 'unknown', counts: { expected: 4, found: 2, missing: 2, unexpected: 1, unknown: 1 } });
    const misread = `${shelf[2].assetTag.slice(0, -1)}${(Number(shelf[2].assetTag.at(-1)) + 1) % 10}`;
    expect((await scan(auditId, misread)).status).toBe(422);
  });

  it('counts one scan when two operators scan the same device at once', async () => {
    const [first, second] = await Promise.all([scan(auditId, shelf[2].assetTag, 'it_staff'), scan(auditId, shelf[2].assetTag, 'admin')]);
    expect([first.body.result, second.body.result].sort()).toEqual(['duplicate', 'found']);
  });

  it('refuses scans while paused, and resumes', async () => {
    const tech = await t.auth('it_staff');
    expect((await t.http.post(`/api/audits/${auditId}/pause`).set(tech)).body.status).toBe('paused');
    const refused = await scan(auditId, shelf[3].assetTag);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('AUDIT_NOT_OPEN');
    expect((await t.http.post(`/api/audits/${auditId}/resume`).set(tech)).body.status).toBe('open');
  });

  it('closes with exactly one event per device seen and flags the missing device', async () => {
    const response = await t.http.post(`/api/audits/${auditId}/close`).set(await t.auth('it_staff'));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'closed', expected: 4, found: 3, missing: 1, unexpected: 1, unknown: 1 });
    expect(response.body.lists.missing.map((row: { id: number }) => row.id)).toEqual([shelf[3].id]);
    const audited = await t.sql<{ device_id: number; n: number }>(`select device_id, count(*)::int as n from events where type = 'audited' group by device_id order by device_id`);
    expect(audited).toEqual([shelf[0], shelf[1], shelf[2], elsewhere].map((d) => ({ device_id: d.id, n: 1 })).sort((a, b) => a.device_id - b.device_id));
    const [missing] = await t.sql<{ missing_since: Date | null }>(`select missing_since from devices where id = $1`, [shelf[3].id]);
    expect(missing.missing_since).toBeInstanceOf(Date);
    const list = await t.http.get('/api/devices').query({ filter: JSON.stringify({ missing: true }) }).set(await t.auth('it_staff'));
    expect(list.body.map((row: { id: number }) => row.id)).toEqual([shelf[3].id]);
    expect((await t.http.post(`/api/audits/${auditId}/close`).set(await t.auth('it_staff'))).status).toBe(409);
    expect((await scan(auditId, shelf[3].assetTag)).status).toBe(409);
  });

  it('keeps a missing device out of batches until it is found again', async () => {
    const tech = await t.auth('it_staff');
    await t.http.post(`/api/devices/${shelf[3].id}/no-storage`).set(tech);
    const batch = (await t.http.post('/api/batches').set(tech).send({ site: SITE })).body;
    const refused = await t.http.post(`/api/batches/${batch.id}/devices`).set(tech).send({ ids: [shelf[3].id] });
    expect(refused.status).toBe(409);
    expect(refused.body.error.details.refused[0].reason).toMatch(/manquant/);

    const again = await start(SITE);
    await scan(again.id, shelf[3].assetTag);
    await t.http.post(`/api/audits/${again.id}/close`).set(tech);
    expect(await t.sql(`select missing_since from devices where id = $1`, [shelf[3].id])).toEqual([{ missing_since: null }]);
    expect(await t.sql(`select count(*)::int as n from events where device_id = $1 and type = 'found'`, [shelf[3].id])).toEqual([{ n: 1 }]);
    expect((await t.http.post(`/api/batches/${batch.id}/devices`).set(tech).send({ ids: [shelf[3].id] })).status).toBe(200);
  });

  it('moves an unexpected device to the audited site with an event', async () => {
    const response = await t.http.post(`/api/audits/${auditId}/relocate`).set(await t.auth('it_staff')).send({ ids: [elsewhere.id] });
    expect(response.body).toEqual({ moved: [elsewhere.assetTag], refused: [] });
    expect(await t.sql(`select site from devices where id = $1`, [elsewhere.id])).toEqual([{ site: SITE }]);
  });

  it('exports the result as PDF and XLSX', async () => {
    const tech = await t.auth('it_staff');
    const pdf = await t.http.get(`/api/audits/${auditId}/report.pdf`).set(tech).buffer(true).parse(binaryParser);
    const parser = new PDFParse({ data: pdf.body });
    const text = (await parser.getText()).text.replace(/\s+/g, ' ');
    await parser.destroy();
    expect(text).toContain(`Inventaire n° ${auditId} — ${SITE}`);
    expect(text).toContain('Manquants : 1');
    expect(text).toContain(shelf[3].assetTag);
    const xlsx = await t.http.get(`/api/audits/${auditId}/report.xlsx`).set(tech).buffer(true).parse(binaryParser);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body);
    expect(workbook.getWorksheet('Manquants')!.getRow(2).getCell(1).value).toBe(shelf[3].assetTag);
  });
});

describe('write-off and roles', () => {
  it('lets only an admin write a missing device off, with a reason', async () => {
    const SITE = 'Antenne de Cambrai';
    const lost = await device(SITE);
    const audit = await start(SITE);
    await t.http.post(`/api/audits/${audit.id}/close`).set(await t.auth('it_staff'));
    expect((await t.http.post(`/api/devices/${lost.id}/transitions`).set(await t.auth('it_staff')).send({ to: 'withdrawn', reason: 'Perdu' })).status).toBe(403);
    expect((await t.http.post(`/api/devices/${lost.id}/transitions`).set(await t.auth('admin')).send({ to: 'withdrawn' })).status).toBe(400);
    const written = await t.http.post(`/api/devices/${lost.id}/transitions`).set(await t.auth('admin')).send({ to: 'withdrawn', reason: 'Introuvable après deux inventaires' });
    expect(written.body).toMatchObject({ status: 'withdrawn', missingSince: null });
  });

  it('refuses a second open stock-take of the same site, and other roles', async () => {
    const SITE = 'Antenne de Douai';
    await device(SITE);
    await start(SITE);
    const again = await t.http.post('/api/audits').set(await t.auth('it_staff')).send({ site: SITE });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('AUDIT_ALREADY_OPEN');
    for (const role of ['partner', 'social_worker', 'viewer'] as const) {
      expect((await t.http.post('/api/audits').set(await t.auth(role)).send({ site: SITE })).status, role).toBe(403);
      expect((await t.http.get('/api/audits').set(await t.auth(role))).status, role).toBe(403);
    }
    expect((await t.http.post('/api/audits').set(await t.auth('it_staff')).send({})).status).toBe(400);
  });
});
