import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binaryParser, createTestApp, type TestApp } from '../helpers/app.js';
import { handOver } from '../helpers/handover.js';
import { pdfFigureAlternatives, pdfInfo, pdfStructure, type StructureNode } from '../helpers/pdfinfo.js';

/**
 * The PDFs given to people carry a real structure tree (PDF/UA, RGAA, issue #21): a title first,
 * headings, paragraphs, lists and tables in the order they are seen, and figures a screen reader can name.
 * Read with poppler's `pdfinfo -struct-text`, as an auditor would.
 */
let t: TestApp;
const SITE = 'Dépôt DSI — Lille';
let serial = 0;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function download(url: string, role: 'it_staff' | 'social_worker' | 'partner' | 'admin' = 'it_staff'): Promise<Buffer> {
  const response = await t.http.get(url).set(await t.auth(role)).buffer(true).parse(binaryParser);
  expect(response.status).toBe(200);
  return response.body as Buffer;
}

async function certifiedDevice() {
  const tech = await t.auth('it_staff');
  const created = await t.http.post('/api/devices').set(tech).send({ type: 'monitor', brand: 'Dell', model: 'P2419H', originSite: SITE, serialNumber: `STRUCT-${++serial}` });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const certified = await t.http.post(`/api/devices/${created.body.id}/no-storage`).set(tech);
  expect(certified.status).toBe(200);
  return { id: created.body.id as number, assetTag: created.body.assetTag as string, certificateNumber: certified.body.certificateNumber as string };
}

/** The texts of the elements of `type`, in reading order. */
const textsOf = (nodes: StructureNode[], type: string) => nodes.filter((node) => node.type === type).map((node) => node.text);
/** Where a text first appears in the reading order. */
const positionOf = (nodes: StructureNode[], text: string) => nodes.findIndex((node) => node.text.includes(text));

const PERSON = { firstName: 'Samia', lastName: 'Haddad', birthYear: 1980, postcode: '59100', commune: 'Roubaix', eligibility: 'rsa', consent: true };

async function referral() {
  const response = await t.http.post('/api/referrals').set(await t.auth('social_worker')).send({ beneficiary: PERSON, need: 'laptop', trainingWanted: true });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as { id: number; beneficiary: number; voucherCode: string };
}

describe('the voucher PDF', () => {
  it('opens on its title (H1), then the sentences, the QR code named by the voucher code, the code, and the sections (H2)', async () => {
    const { id, voucherCode: code } = await referral();
    const pdf = await download(`/api/referrals/${id}/voucher.pdf`, 'social_worker');
    expect(pdfInfo(pdf)).toMatchObject({ Tagged: 'yes', Title: `Bon Réemploi ${code}` });

    const nodes = pdfStructure(pdf);
    expect(nodes[0].type).toBe('Document');
    expect(nodes[1]).toMatchObject({ type: 'H1', text: 'Votre bon pour un ordinateur' });
    expect(textsOf(nodes, 'H1')).toHaveLength(1);
    expect(textsOf(nodes, 'H2')).toEqual(['Où aller ?', 'Quoi apporter ?', 'Une question ?']);
    expect(pdfFigureAlternatives(pdf)).toEqual([`Code QR du bon ${code}`]);
    // the order a screen reader follows is the order on the page
    const order = ['Bonjour Samia,', "L'appareil est réparé et vérifié.", 'Votre code :', code, "Valable jusqu'au", 'Où aller ?', 'Quoi apporter ?', "Une pièce d'identité.", 'Une question ?', 'Bon émis le'];
    const positions = order.map((text) => positionOf(nodes, text));
    expect(positions.every((position) => position > 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(nodes.findIndex((node) => node.type === 'Figure')).toBeLessThan(positionOf(nodes, 'Votre code :'));
    // what to bring is a list, each item one sentence
    expect(textsOf(nodes, 'LBody')).toEqual(['Ce bon (sur papier ou sur votre téléphone).', "Une pièce d'identité.", 'De quoi payer le petit prix.']);
  });
});

describe('the certificate PDF', () => {
  it('opens on its title (H1), names its QR code by the certificate and the device, and has its numbered sections (H2)', async () => {
    const device = await certifiedDevice();
    const pdf = await download(`/api/devices/${device.id}/certificate.pdf`);
    const nodes = pdfStructure(pdf);
    expect(nodes[1]).toMatchObject({ type: 'H1', text: "Certificat d'effacement des données" });
    expect(textsOf(nodes, 'H2')).toEqual(["1. Personne et organisation ayant réalisé l'effacement", '2. Appareil', '3. Supports et méthodes', '4. Destination', '5. Validation']);
    expect(pdfFigureAlternatives(pdf)).toEqual([`Code QR : vérifier en ligne le certificat ${device.certificateNumber} de l'appareil ${device.assetTag}`]);
    expect(textsOf(nodes, 'P')).toContain(`N° ${device.certificateNumber}`);
    expect(textsOf(nodes, 'P')).toContain(`N° d'inventaire Réemploi : ${device.assetTag}`);
    expect(positionOf(nodes, `N° ${device.certificateNumber}`)).toBeLessThan(positionOf(nodes, '1. Personne'));
    expect(positionOf(nodes, 'Je certifie')).toBeGreaterThan(positionOf(nodes, '5. Validation'));
  });

  it('is the same file when downloaded twice (issued PDFs are recorded by their hash)', async () => {
    const device = await certifiedDevice();
    const first = await download(`/api/devices/${device.id}/certificate.pdf`);
    expect((await download(`/api/devices/${device.id}/certificate.pdf`)).equals(first)).toBe(true);
  });
});

describe('the manifest PDF', () => {
  it('opens on its title (H1), names each barcode by its reference, and lists the devices as a table with a header row', async () => {
    const tech = await t.auth('it_staff');
    const plannedAt = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const batch = (await t.http.post('/api/batches').set(tech).send({ site: SITE, plannedAt })).body as { id: number; reference: string };
    const devices = [await certifiedDevice(), await certifiedDevice()];
    expect((await t.http.post(`/api/batches/${batch.id}/devices`).set(tech).send({ assetTags: devices.map((device) => device.assetTag) })).status).toBe(200);
    expect((await t.http.post(`/api/batches/${batch.id}/ready`).set(tech)).status).toBe(200);
    const pdf = await download(`/api/batches/${batch.id}/manifest.pdf`);
    const nodes = pdfStructure(pdf);
    expect(nodes[1]).toMatchObject({ type: 'H1', text: `Manifeste du lot ${batch.reference}` });
    expect(textsOf(nodes, 'H2')).toEqual(['Totaux par type']);
    expect(pdfFigureAlternatives(pdf).sort()).toEqual([`Code-barres du lot ${batch.reference}`, ...devices.map((device) => `Code-barres de l'appareil ${device.assetTag}`)].sort());
    // one header row, then one row per device; the devices' rows come before the totals
    expect(nodes.filter((node) => node.type === 'Table')).toHaveLength(1);
    expect(nodes.filter((node) => node.type === 'TR')).toHaveLength(1 + devices.length);
    expect(textsOf(nodes, 'TH')).toEqual(['#', "Code-barres / N° d'inventaire Réemploi", 'Appareil', 'Caractéristiques', "N° de série / certificat d'effacement"]);
    for (const device of devices) {
      expect(positionOf(nodes, device.assetTag)).toBeGreaterThan(positionOf(nodes, "N° de série / certificat d'effacement"));
      expect(positionOf(nodes, device.certificateNumber)).toBeLessThan(positionOf(nodes, 'Totaux par type'));
    }
    expect(positionOf(nodes, 'Remis par')).toBeLessThan(positionOf(nodes, 'Reçu par'));
    // page numbers are artifacts, out of the reading order
    expect(positionOf(nodes, 'page 1/1')).toBe(-1);
  });
});

describe('the receipt and the right-of-access export', () => {
  it('open on their title (H1) and give their sections as headings (H2)', async () => {
    const year = new Date().getFullYear();
    const agreement = await t.http.post('/api/agreements').set(await t.auth('admin')).send({
      partner: 'Emmaüs Connect', startsOn: `${year}-01-01`, endsOn: `${year}-12-31`, devicesCommitted: 10, residentsCommitted: 10, trainingsCommitted: 5,
      priceCaps: { laptop: 150 }, reuseCommitmentRef: 'Convention CD59-EC, article 4',
    });
    expect(agreement.status, JSON.stringify(agreement.body)).toBe(201);
    const { id, beneficiary, voucherCode } = await referral();
    expect((await t.http.post(`/api/referrals/${id}/accept`).set(await t.auth('partner'))).status).toBe(200);
    const device = (await t.http.post('/api/devices').set(await t.auth('it_staff')).send({ type: 'laptop', originSite: SITE, serialNumber: `STRUCT-${++serial}` })).body;
    await handOver(t, [device.id], { status: 'refurbished' });
    const allocation = await t.http.post('/api/allocations').set(await t.auth('partner')).send({ device: device.id, referral: id, price: 89.9 });
    expect(allocation.status, JSON.stringify(allocation.body)).toBe(201);

    const receipt = pdfStructure(await download(`/api/allocations/${allocation.body.id}/receipt.pdf`, 'partner'));
    expect(receipt[1]).toMatchObject({ type: 'H1', text: 'Reçu' });
    expect(textsOf(receipt, 'H2')).toEqual(['Appareil']);
    expect(positionOf(receipt, `bon ${voucherCode}`)).toBeLessThan(positionOf(receipt, device.assetTag));
    expect(positionOf(receipt, device.assetTag)).toBeLessThan(positionOf(receipt, 'Prix solidaire payé : 89,90'));

    const personal = pdfStructure(await download(`/api/beneficiaries/${beneficiary}/export.pdf`, 'admin'));
    expect(personal[1]).toMatchObject({ type: 'H1', text: 'Données personnelles détenues par le Département du Nord (Réemploi)' });
    expect(textsOf(personal, 'H2')).toEqual(['La personne', 'Orientations', 'Appareils attribués', 'Notifications adressées aux agents à son sujet', 'Consultations de ces données']);
    expect(textsOf(personal, 'P')).toContain('Nom : Haddad');
  });
});
