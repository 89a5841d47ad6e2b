import ExcelJS from 'exceljs';
import { PDFParse } from 'pdf-parse';
import request from 'supertest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Factor } from '../../api/factors/factor.entity.js';
import { binaryParser, createTestApp, type TestApp } from '../helpers/app.js';
import { createDemoApp, type DemoApp } from '../helpers/demo-app.js';
import { DEMO_PASSWORD } from '../../seeds/DemoSeeder.js';
import { FACTOR_SEED_VERSION, FACTOR_SEEDS, seedFactors } from '../../seeds/factors.js';

/**
 * What a steering committee reads (factors, workbook, PDFs) names documents by title, publisher,
 * year and public address: no developer reference (issue #19 §3). And the demo's figures are not
 * zero, their demonstration values named wherever they enter a figure (§2).
 */
const DEVELOPER_REFERENCES = [/docs\//, /\.md\b/, /\b[0-9a-f]{40}\b/, /\bcommit\b/i, /github\.com/];
const expectNoDeveloperReference = (text: string, where: string) => {
  for (const pattern of DEVELOPER_REFERENCES) expect(text, `${where} ${pattern}`).not.toMatch(pattern);
};

let orm: MikroORM;
let app: DemoApp['app'];
beforeAll(async () => {
  ({ orm, app } = await createDemoApp());
}, 120_000);
afterAll(() => orm.close());

async function signIn(email: string) {
  const response = await request(app).post('/api/auth/login').send({ email, password: DEMO_PASSWORD });
  expect(response.status).toBe(200);
  return { Authorization: `Bearer ${response.body.token}` };
}

async function pdfText(buffer: Buffer): Promise<string> {
  const parser = new PDFParse({ data: buffer });
  const text = (await parser.getText()).text.replace(/\s+/g, ' ');
  await parser.destroy();
  return text;
}

async function workbookText(buffer: Buffer): Promise<Map<string, string>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const sheets = new Map<string, string>();
  workbook.eachSheet((sheet) => {
    const parts: string[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => parts.push(String(cell.value))));
    sheets.set(sheet.name, parts.join('\n'));
  });
  return sheets;
}

const today = new Date().toISOString().slice(0, 10);
const yearAgo = new Date(Date.now() - 364 * 86_400_000).toISOString().slice(0, 10);

describe('Committee-facing texts of the demo', () => {
  it('factors and their catalogue cite documents by title, publisher, year and public address', async () => {
    const viewer = await signIn('pilotage@demo.reemploi.fr');
    const factors = await request(app).get('/api/factors').set(viewer);
    expect(factors.status).toBe(200);
    expectNoDeveloperReference(JSON.stringify(factors.body), 'GET /api/factors');
    const laptop = factors.body.find((factor: { deviceType: string }) => factor.deviceType === 'laptop');
    expect(laptop.manufacturingSource).toContain('« Évaluation de l’impact environnemental du numérique en France et analyse prospective (volet 2) », ADEME et Arcep, 2022, https://librairie.ademe.fr/');
    expect(laptop).toMatchObject({ referenceNewPriceEur: 700, massKg: 2 });
    expect(laptop.priceSource).toContain('MacGeneration, d’après GfK, 2022, https://macg.co/');
    // a mass no published source gives: a demonstration value, said so in its source
    expect(laptop.massSource).toMatch(/^Valeur de démonstration : /);

    const sources = await request(app).get('/api/factors/sources').set(viewer);
    expect(sources.status).toBe(200);
    expect(sources.body.length).toBeGreaterThanOrEqual(4);
    for (const source of sources.body) {
      expect(source).toMatchObject({ title: expect.any(String), publisher: expect.any(String), year: expect.any(Number), url: expect.stringMatching(/^https?:\/\/[^ ]+$/) });
    }
    expectNoDeveloperReference(JSON.stringify(sources.body), 'GET /api/factors/sources');
    // partners and social workers do not read the factors
    expect((await request(app).get('/api/factors/sources').set(await signIn('emmaus@demo.reemploi.fr'))).status).toBe(403);
    expect((await request(app).get('/api/factors/sources')).status).toBe(401);
  });

  it('gives the demo dashboard non-zero savings and mass, naming the types whose values are for demonstration', async () => {
    const viewer = await signIn('pilotage@demo.reemploi.fr');
    const summary = await request(app).get('/api/reports/summary').query({ from: yearAgo, to: today }).set(viewer);
    expect(summary.status).toBe(200);
    expect(summary.body.allocations.householdSavingsEur).toBeGreaterThan(0);
    expect(summary.body.nordDurable.massDivertedKg).toBeGreaterThan(0);
    expect(summary.body.nordDurable.missingFactors.filter((key: string) => key.endsWith('.massKg'))).toEqual([]);
    // every allocated type's mass is a demonstration value; the laptop's and smartphone's prices are sourced
    expect(summary.body.nordDurable.demoValues.mass).toEqual(summary.body.nordDurable.byType.map((row: { deviceType: string }) => row.deviceType));
    expect(summary.body.nordDurable.demoValues.price).not.toContain('laptop');
    expect(summary.body.nordDurable.demoValues.price).not.toContain('smartphone');
  });

  it('workbook sheets cite no developer reference, list the documents, and name the demonstration values', async () => {
    const viewer = await signIn('pilotage@demo.reemploi.fr');
    const response = await request(app).get('/api/reports/partnership.xlsx').query({ from: yearAgo, to: today }).set(viewer).buffer(true).parse(binaryParser);
    expect(response.status).toBe(200);
    const sheets = await workbookText(response.body);
    for (const [name, text] of sheets) expectNoDeveloperReference(text, `sheet ${name}`);
    const methodology = sheets.get('Méthodologie')!;
    expect(methodology).toContain('Documents cités');
    expect(methodology).toContain('https://impactco2.fr/outils/numerique');
    expect(methodology).toContain('Valeur de démonstration');
    expect(sheets.get('Synthèse')).toMatch(/Valeurs de démonstration \(masse, sans source publiée\) : [^\n]*Portable/);
    expect(sheets.get('Synthèse')).toMatch(/Valeurs de démonstration \(prix neuf, sans source publiée\) : [^\n]*Écran/);
    expect(sheets.get('Nord durable')).toContain('Valeurs de démonstration (masse, sans source publiée)');
  });

  it('manifests and certificates cite no developer reference; the manifest mass says it uses demonstration values', async () => {
    const it = await signIn('technicien@demo.reemploi.fr');
    const batches = await request(app).get('/api/batches').query({ filter: JSON.stringify({ status: 'picked_up' }) }).set(it);
    expect(batches.status).toBe(200);
    const batch = batches.body[0];
    const manifest = await request(app).get(`/api/batches/${batch.id}/manifest.pdf`).set(it).buffer(true).parse(binaryParser);
    expect(manifest.status).toBe(200);
    const manifestText = await pdfText(manifest.body);
    expectNoDeveloperReference(manifestText, 'manifest');
    expect(manifestText).toMatch(/Masse totale : [\d  ,]+ kg \(valeurs de démonstration pour [^)]+\)/);
    expect(manifestText).not.toContain('non renseignée');
    const certificates = await request(app).get(`/api/batches/${batch.id}/certificates.pdf`).set(it).buffer(true).parse(binaryParser);
    expect(certificates.status).toBe(200);
    expectNoDeveloperReference(await pdfText(certificates.body), 'certificates');
  });
});

describe('Factors outside demo mode', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('are seeded without any demonstration value, and bring the earlier seed up to date unless an admin edited a row', async () => {
    const em = t.orm.em.fork();
    // two rows as the earlier seed left them; the desktop one was then edited by an admin
    const earlier = { version: 'ADEME–Arcep 2022 (Impact CO2) ; ADEME reconditionnés 2022', priceSource: 'à renseigner par le Département (voir docs/methodology.md)', referenceNewPriceEur: null };
    const laptopSeed = FACTOR_SEEDS.find((seed) => seed.deviceType === 'laptop')!;
    const desktopSeed = FACTOR_SEEDS.find((seed) => seed.deviceType === 'desktop')!;
    em.create(Factor, { ...laptopSeed, ...earlier, updatedBy: null });
    em.create(Factor, { ...desktopSeed, ...earlier, updatedBy: t.users.admin });
    await em.flush();
    await seedFactors(t.orm.em.fork());

    const factors = (await t.http.get('/api/factors').set(await t.auth('admin'))).body as { deviceType: string; version: string; priceSource: string; massSource: string; referenceNewPriceEur: number | null }[];
    expect(factors).toHaveLength(FACTOR_SEEDS.length);
    const laptop = factors.find((factor) => factor.deviceType === 'laptop')!;
    expect(laptop).toMatchObject({ version: FACTOR_SEED_VERSION, referenceNewPriceEur: 700 });
    const desktop = factors.find((factor) => factor.deviceType === 'desktop')!;
    expect(desktop).toMatchObject({ version: earlier.version, priceSource: earlier.priceSource });
    const seeded = JSON.stringify(factors.filter((factor) => factor.deviceType !== 'desktop'));
    expectNoDeveloperReference(seeded, 'seeded factors');
    expect(seeded).not.toContain('Valeur de démonstration');
  });
});
