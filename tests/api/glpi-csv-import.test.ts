import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';

/** GLPI 10's CSV export as CSVSearchOutput writes it: see tests/fixtures/README.md. */
const fixture = (name: string) => readFileSync(new URL(`../fixtures/glpi/${name}`, import.meta.url));
const FRENCH = fixture('glpi10-ordinateurs-fr.csv');
const ENGLISH = fixture('glpi10-computers-en-comma.csv');
const META = fixture('glpi10-meta-ordinateur.csv');
const UNKNOWN_TYPE = fixture('glpi10-type-inconnu.csv');

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

function importFile(body: Buffer, query: Record<string, string> = {}) {
  return t.http.post('/api/devices/import').query(query).set('Content-Type', 'text/csv').send(body);
}

describe('GLPI 10 CSV export', () => {
  it('is written as GLPI writes it: BOM, every cell quoted, a separator after the last cell', () => {
    const text = FRENCH.toString('utf8');
    expect(FRENCH.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const [header, firstRow] = text.slice(1).split('\n');
    expect(header.startsWith('"Nom";"Entité";')).toBe(true);
    expect(header.endsWith('"Numéro d\'inventaire";')).toBe(true);
    expect(firstRow).toMatch(/^"PC-DSI-0101";.*";$/);
  });

  it('imports the French export without refusing a known type: SMBIOS chassis names and French labels', async () => {
    const auth = await t.auth('it_staff');
    const preview = await importFile(FRENCH, { dryRun: 'true' }).set(auth);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ totalRows: 12, created: 12, rejected: [] });
    // the empty cell after the last separator names no column
    expect(preview.body.columns.map((column: { header: string }) => column.header)).not.toContain('');
    expect(preview.body.columns).toEqual(
      expect.arrayContaining([
        { header: 'Composants - Processeur', field: 'cpu' },
        { header: 'Composants - Mémoire', field: 'ramGb' },
        { header: "Système d'exploitation - Nom", field: null },
        { header: 'Nom', field: 'hostname' },
      ]),
    );
    const response = await importFile(FRENCH).set(auth);
    expect(response.status).toBe(200);
    expect(response.body.created).toBe(12);
    const rows = await t.sql<{ serial_number: string; type: string; cpu: string | null; ram_gb: number | null; hostname: string }>(
      `select serial_number, type, cpu, ram_gb, hostname from devices where serial_number = any($1) order by serial_number`,
      [['4HJ7Q53', '5CG7331XYZ', 'PC0ABCDE', '9XK2M3J', 'CZC8123QRS', '0123456789012', 'YLNT012345', 'NXVEHEF00A123', 'BX7LMN2', 'CN-0P2419H-7']],
    );
    const typeOf = Object.fromEntries(rows.map((row) => [row.serial_number, row.type]));
    expect(typeOf).toEqual({
      '4HJ7Q53': 'desktop', // Mini Tower
      '5CG7331XYZ': 'laptop', // Notebook
      PC0ABCDE: 'desktop', // Low Profile Desktop
      '9XK2M3J': 'desktop', // Tower
      CZC8123QRS: 'desktop', // All in One
      '0123456789012': 'laptop', // Sub Notebook
      YLNT012345: 'desktop', // Ordinateur fixe
      NXVEHEF00A123: 'laptop', // Ordinateur portable
      BX7LMN2: 'desktop', // Space-saving
      'CN-0P2419H-7': 'monitor', // Écran
    });
    expect(rows.find((row) => row.serial_number === '9XK2M3J')).toMatchObject({ cpu: 'Intel(R) Xeon(R) CPU E3-1240 v5 @ 3.50GHz', ram_gb: 16, hostname: 'PC-UTPAS-0202' });
  });

  it('reads English headers like French ones (« Components - Processor » → CPU), with the user’s comma separator', async () => {
    const response = await importFile(ENGLISH).set(await t.auth('it_staff'));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ created: 3, rejected: [] });
    expect(response.body.columns).toEqual(
      expect.arrayContaining([
        { header: 'Serial number', field: 'serialNumber' },
        { header: 'Components - Processor', field: 'cpu' },
        { header: 'Components - Memory', field: 'ramGb' },
        { header: 'Manufacturer', field: 'brand' },
        { header: 'Location', field: 'originSite' },
      ]),
    );
    const [device] = await t.sql(`select type, cpu, ram_gb, brand, site from devices where serial_number = 'EN5CG7331X'`);
    expect(device).toEqual({ type: 'laptop', cpu: 'Intel(R) Core(TM) i5-7200U CPU @ 2.50GHz', ram_gb: 16, brand: 'HP', site: 'Head office > IT' });
  });

  it('reads the columns GLPI prefixes with the item type (« Ordinateur - Numéro de série »)', async () => {
    const response = await importFile(META, { dryRun: 'true' }).set(await t.auth('it_staff'));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ created: 3, rejected: [] });
    expect(response.body.preview[0].device).toMatchObject({ serialNumber: 'META4HJ7Q53', type: 'desktop', brand: 'Dell Inc.', hostname: 'PC-META-0001', cpu: 'Intel(R) Core(TM) i5-7500 CPU @ 3.40GHz', ramGb: 8 });
    // two processors: GLPI 10 joins them with <br> in the cell
    expect(response.body.preview[2].device).toMatchObject({ cpu: 'Intel(R) Xeon(R) CPU E5-2620 v3 @ 2.40GHz + Intel(R) Xeon(R) CPU E5-2630 v3 @ 2.40GHz', ramGb: 32 });
  });

  it('reads a multi-valued cell written on two lines inside its quotes (GLPI 11), the same value once', async () => {
    const csv = Buffer.from('\uFEFF"Numéro de série";"Type";"Lieu";"Composants - Processeur";\n"TWO-LINES-1";"Tower";"Dépôt";"Intel(R) Xeon(R) CPU E5-2620 v3\nIntel(R) Xeon(R) CPU E5-2620 v3";\n');
    const response = await importFile(csv, { dryRun: 'true' }).set(await t.auth('it_staff'));
    expect(response.status).toBe(200);
    expect(response.body.preview[0]).toMatchObject({ row: 2, device: { serialNumber: 'TWO-LINES-1', cpu: 'Intel(R) Xeon(R) CPU E5-2620 v3' } });
  });
});

describe('a « Type » value the import does not know', () => {
  it('is refused with its data; an admin maps it from the report; the same file is then accepted', async () => {
    const staff = await t.auth('it_staff');
    const refused = await importFile(UNKNOWN_TYPE).set(staff);
    expect(refused.status).toBe(422);
    expect(refused.body.error.details.rejected).toEqual([
      {
        row: 2,
        serialNumber: 'RACK0001',
        type: 'Rack Mount Chassis',
        brand: 'Dell Inc.',
        model: 'PowerEdge R630',
        unknownType: true,
        reason: 'type « Rack Mount Chassis » inconnu (attendu : portable, unité centrale, écran, tablette, smartphone, imprimante, autre)',
      },
    ]);

    // depot staff may read the added mappings, not add one
    const notAdmin = await t.http.post('/api/chassis-mappings').set(staff).send({ label: 'Rack Mount Chassis', deviceType: 'desktop' });
    expect(notAdmin.status).toBe(403);
    for (const role of ['partner', 'social_worker', 'viewer'] as const) {
      expect((await t.http.post('/api/chassis-mappings').set(await t.auth(role)).send({ label: 'Rack Mount Chassis', deviceType: 'desktop' })).status, role).toBe(403);
    }

    const admin = await t.auth('admin');
    const saved = await t.http.post('/api/chassis-mappings').set(admin).send({ label: 'Rack Mount Chassis', deviceType: 'desktop' });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ label: 'Rack Mount Chassis', deviceType: 'desktop' });
    const [logged] = await t.sql<{ details: unknown; actor_role: string }>(`select details, actor_role from admin_log where action = 'chassis_mapping_saved'`);
    expect(logged).toEqual({ details: { label: 'Rack Mount Chassis', deviceType: 'desktop', previous: null }, actor_role: 'admin' });
    const list = await t.http.get('/api/chassis-mappings').set(staff);
    expect(list.status).toBe(200);
    expect(list.body).toEqual([expect.objectContaining({ label: 'Rack Mount Chassis', deviceType: 'desktop' })]);

    const again = await importFile(UNKNOWN_TYPE).set(staff);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ created: 2, rejected: [] });
    expect(await t.sql(`select type from devices where serial_number = 'RACK0001'`)).toEqual([{ type: 'desktop' }]);
  });

  it('the inventory import uses the mappings admins added', async () => {
    const inventory = JSON.parse(readFileSync(new URL('../fixtures/glpi-inventory/computer_1.json', import.meta.url), 'utf8'));
    inventory.content.hardware = { ...inventory.content.hardware, chassis_type: 'Blade Enclosure' };
    inventory.content.bios = { ...inventory.content.bios, ssn: 'BLADE-ENCL-0001' };
    const post = () => t.http.post('/api/inventory').query({ site: 'Hôtel du Département > DSI' }).set('Content-Type', 'application/json').send(JSON.stringify(inventory));
    const before = await post().set(await t.auth('it_staff'));
    expect(before.status).toBe(200);
    expect(before.body.summary.type).toBe('other');
    const saved = await t.http.post('/api/chassis-mappings').set(await t.auth('admin')).send({ label: 'Blade-Enclosure', deviceType: 'desktop' });
    expect(saved.status).toBe(200);
    inventory.content.bios.ssn = 'BLADE-ENCL-0002';
    const after = await post().set(await t.auth('it_staff'));
    expect(after.status).toBe(200);
    expect(after.body.summary.type).toBe('desktop');
  });

  it('refuses a value the built-in table knows, a bad device type and an empty label, in French', async () => {
    const admin = await t.auth('admin');
    const known = await t.http.post('/api/chassis-mappings').set(admin).send({ label: 'mini-tower', deviceType: 'laptop' });
    expect(known.status).toBe(409);
    expect(known.body.error).toMatchObject({ code: 'CHASSIS_TYPE_BUILT_IN', message: '« mini-tower » est déjà reconnu : unité centrale.' });
    const badType = await t.http.post('/api/chassis-mappings').set(admin).send({ label: 'Expansion Chassis', deviceType: 'toaster' });
    expect(badType.status).toBe(400);
    expect(JSON.stringify(badType.body.error)).toContain('portable, unité centrale, écran');
    expect(JSON.stringify(badType.body.error)).not.toMatch(/laptop|desktop/);
    const empty = await t.http.post('/api/chassis-mappings').set(admin).send({ label: ' -- ', deviceType: 'desktop' });
    expect(empty.status).toBe(400);
    expect(await t.sql(`select label from chassis_type_mappings where label in ('mini-tower', 'Expansion Chassis', ' -- ')`)).toEqual([]);
  });

  it('an admin changing a mapping changes what the next import reads, and the log says from what', async () => {
    const admin = await t.auth('admin');
    expect((await t.http.post('/api/chassis-mappings').set(admin).send({ label: 'Rack mount chassis', deviceType: 'other' })).status).toBe(200);
    const [logged] = await t.sql<{ details: unknown }>(`select details from admin_log where action = 'chassis_mapping_saved' order by id desc limit 1`);
    expect(logged.details).toEqual({ label: 'Rack mount chassis', deviceType: 'other', previous: 'desktop' });
    const csv = Buffer.from('\uFEFF"Numéro de série";"Type";"Lieu";\n"RACK0002";"RACK MOUNT CHASSIS";"Dépôt";\n');
    const preview = await importFile(csv, { dryRun: 'true' }).set(await t.auth('it_staff'));
    expect(preview.body.preview[0].device.type).toBe('other');
  });

  it('a heavy file, read in the worker thread, reads the added mappings too', async () => {
    const rows = Array.from({ length: 12_000 }, (_, index) => `"HEAVY-${String(index).padStart(6, '0')}";"Rack Mount Chassis";"PowerEdge R630 — serveur de la salle informatique du 3e étage";"Dépôt";\n`);
    const csv = Buffer.from(`\uFEFF"Numéro de série";"Type";"Modèle";"Lieu";\n${rows.join('')}"HEAVY-X";"Expansion Chassis";"PowerEdge";"Dépôt";\n`);
    expect(csv.length).toBeGreaterThan(1024 * 1024);
    const preview = await importFile(csv, { dryRun: 'true' }).set(await t.auth('it_staff'));
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ created: 12_000 });
    expect(preview.body.rejected).toEqual([expect.objectContaining({ row: 12_002, serialNumber: 'HEAVY-X', type: 'Expansion Chassis', unknownType: true })]);
  });
});
