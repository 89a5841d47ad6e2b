import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binaryParser, createTestApp, type TestApp } from '../helpers/app.js';
import { documentedRoutes } from '../../api/core/routes.js';
import ExcelJS from 'exceljs';
import { xlsxZipBombs } from '../helpers/zip.js';
import { hugeColumnCsv } from '../helpers/import-files.js';

/**
 * Random and malicious input thrown at every JSON write endpoint and every list: the answer is
 * always a 4xx in the documented shape (or a success), never a 500, and a refused write leaves
 * nothing behind.
 */
// A fixed seed keeps CI reproducible; set FAST_CHECK_SEED to explore other inputs locally.
fc.configureGlobal({ seed: Number(process.env.FAST_CHECK_SEED ?? 20210215) });

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const NASTY_STRINGS = [
  "'; drop table devices; --",
  '" or 1=1 --',
  '../../../../etc/passwd',
  '=HYPERLINK("http://evil.example","x")',
  '<script>alert(1)</script>',
  '\u0000',
  '\ud800',
  'A'.repeat(10_000),
  '{"$ne":null}',
  '%00%2e%2e%2f',
  '-1',
  '1e309',
  'NaN',
  '__proto__',
];

const nasty = fc.oneof(fc.constantFrom(...NASTY_STRINGS), fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
const hostileJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, nasty, fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'status', 'role', 'id', 'version')), tie('value'), { maxKeys: 6 })),
})).value;

const writeRoutes = () =>
  documentedRoutes()
    .filter((route) => ['post', 'put'].includes(route.method))
    .map((route) => `${route.method.toUpperCase()} ${route.path}`)
    // file bodies are covered by their own tests below; login is rate limited; logout would revoke the shared tokens
    .filter((route) => !/import|login|logout/.test(route));

const listRoutes = () =>
  documentedRoutes()
    .filter((route) => route.method === 'get' && !/\{|\.(pdf|xlsx|svg|png)|unread|summary|dashboard|sites|\/me$/.test(route.path))
    .map((route) => route.path);

/** Every random or malicious request checked against the documented answer, for docs/security.md. */
let documentedAnswersChecked = 0;
afterAll(() => console.info(`[hostile-input] random and malicious requests checked (no 500, documented error shape): ${documentedAnswersChecked}`));

function expectDocumentedAnswer(response: { status: number; body: { error?: { code?: unknown; message?: unknown } } }, what: string) {
  documentedAnswersChecked++;
  expect(response.status, what).toBeLessThan(500);
  // 414/431: Node's HTTP server refuses an oversized URL or headers before the app sees them
  if (response.status >= 400 && ![414, 431].includes(response.status)) {
    expect(typeof response.body.error?.code, `${what} error.code`).toBe('string');
    expect(typeof response.body.error?.message, `${what} error.message`).toBe('string');
  }
}

describe('hostile JSON bodies', () => {
  it('never get a 500 from any write endpoint', async () => {
    const admin = await t.auth('admin');
    for (const route of writeRoutes()) {
      const [method, template] = route.split(' ');
      await fc.assert(
        fc.asyncProperty(hostileJson, fc.constantFrom('1', '999999', '0', '-1', 'abc', '1.5', '99999999999'), async (body, id) => {
          const path = template.replace(/\{\w+\}/g, id);
          const response = await (t.http as unknown as Record<string, (url: string) => import('supertest').Test>)
            [method.toLowerCase()](path)
            .set(admin)
            .set('Content-Type', 'application/json')
            .send(JSON.stringify(body) ?? 'null');
          expectDocumentedAnswer(response, `${route} ${JSON.stringify(body).slice(0, 200)}`);
        }),
        { numRuns: 12 },
      );
    }
  }, 120_000);

  it('leave nothing behind when refused', async () => {
    const count = async () => (await t.sql<{ n: number }>(`select (select count(*) from devices) + (select count(*) from events) + (select count(*) from batches) as n`))[0].n;
    const before = await count();
    const admin = await t.auth('admin');
    await fc.assert(
      fc.asyncProperty(hostileJson, async (body) => {
        const response = await t.http.post('/api/devices').set(admin).send({ ...(typeof body === 'object' && body ? body : {}), type: 'toaster' });
        expect(response.status).toBe(400);
      }),
      { numRuns: 25 },
    );
    expect(await count()).toBe(before);
  });
});

describe('hostile list queries', () => {
  it('never get a 500 from sort, range and filter', async () => {
    const admin = await t.auth('admin');
    const jsonish = fc.oneof(fc.json(), fc.constantFrom(...NASTY_STRINGS), fc.string());
    for (const path of listRoutes()) {
      await fc.assert(
        fc.asyncProperty(jsonish, jsonish, jsonish, async (sort, range, filter) => {
          const response = await t.http.get(path).query({ sort, range, filter }).set(admin);
          expectDocumentedAnswer(response, `${path} sort=${sort} range=${range} filter=${filter}`.slice(0, 300));
        }),
        { numRuns: 10 },
      );
    }
  }, 120_000);

  it('answers 400 to SQL in a sort field and keeps the data', async () => {
    const response = await t.http.get('/api/devices').query({ sort: JSON.stringify(['id; drop table devices', 'ASC']) }).set(await t.auth('admin'));
    expect(response.status).toBe(400);
    expect((await t.http.get('/api/devices').set(await t.auth('admin'))).status).toBe(200);
  });

  it('treats repeated and array query parameters as bad input, not crashes', async () => {
    const admin = await t.auth('admin');
    const response = await t.http.get('/api/devices?sort=a&sort=b&range=[0,1]&filter[x]=1').set(admin);
    expectDocumentedAnswer(response, 'repeated parameters');
    expect(response.status).toBe(400);
  });
});

describe('hostile path parameters and headers', () => {
  it('never get a 500 from odd ids and codes', async () => {
    const admin = await t.auth('admin');
    for (const value of ['..%2F..%2Fetc%2Fpasswd', '%00', '1%20or%201%3D1', '9'.repeat(40), '-5', '0x10', encodeURIComponent('ﾟ∀ﾟ'), '%E0%A4%A']) {
      for (const path of [`/api/devices/${value}`, `/api/scan/${value}`, `/api/certificates/${value}`, `/api/batches/${value}/manifest.pdf`, `/api/referrals/${value}`]) {
        const response = await t.http.get(path).set(admin);
        expectDocumentedAnswer(response, path);
      }
    }
  });

  it('refuses odd authorization headers with 401', async () => {
    for (const header of ['Bearer', 'Bearer ', 'Basic YWRtaW46YWRtaW4=', `Bearer ${'x'.repeat(10_000)}`, 'Bearer a.b.c', 'bearer\tx']) {
      const response = await t.http.get('/api/me').set('Authorization', header);
      expect(response.status, header.slice(0, 30)).toBe(401);
    }
  });

  it('refuses a wrong content type and a malformed JSON body with a 4xx', async () => {
    const admin = await t.auth('admin');
    expectDocumentedAnswer(await t.http.post('/api/devices').set(admin).set('Content-Type', 'application/json').send('{"type": "laptop",'), 'malformed');
    expectDocumentedAnswer(await t.http.post('/api/devices').set(admin).set('Content-Type', 'application/json; charset=latin-9').send('{}'), 'charset');
    expectDocumentedAnswer(await t.http.post('/api/devices').set(admin).set('Content-Type', 'text/xml').send('<a/>'), 'xml');
  });
});

describe('files', () => {
  it('keeps a formula typed in a cell as plain text in our Excel exports', async () => {
    const tech = await t.auth('it_staff');
    const csv = 'Numéro de série;Type;Modèle;Lieu\nFORMULA-1;Écran;"=HYPERLINK(""http://evil.example"";""clic"")";Dépôt\n';
    const imported = await t.http.post('/api/devices/import').set(tech).set('Content-Type', 'text/csv').send(Buffer.from(csv));
    expect(imported.status).toBe(200);
    const [device] = await t.sql<{ id: number; model: string }>(`select id, model from devices where serial_number = 'FORMULA-1'`);
    expect(device.model).toBe('=HYPERLINK("http://evil.example";"clic")');
    await t.http.post(`/api/devices/${device.id}/no-storage`).set(tech);
    const batch = (await t.http.post('/api/batches').set(tech).send({ site: 'Dépôt' })).body;
    await t.http.post(`/api/batches/${batch.id}/devices`).set(tech).send({ ids: [device.id] });
    await t.http.post(`/api/batches/${batch.id}/ready`).set(tech);
    const xlsx = await t.http.get(`/api/batches/${batch.id}/manifest.xlsx`).set(tech).buffer(true).parse(binaryParser);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body);
    const cell = workbook.getWorksheet('Manifeste')!.getRow(6).getCell(4);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.formula).toBeUndefined();
  });

  it('refuses an oversize upload with 413 and writes nothing', async () => {
    const big = Buffer.alloc(26 * 1024 * 1024, 'a');
    const response = await t.http.post('/api/devices/import').set(await t.auth('it_staff')).set('Content-Type', 'text/csv').send(big);
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('reads random bytes as a bad file, never a crash', async () => {
    const tech = await t.auth('it_staff');
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 2000 }), fc.constantFrom('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/plain'), async (bytes, type) => {
        const path = type === 'text/plain' ? '/api/sanitizations/import' : '/api/devices/import';
        const response = await t.http.post(path).set(tech).set('Content-Type', type).send(Buffer.from(bytes));
        expectDocumentedAnswer(response, `${path} ${bytes.length} bytes`);
      }),
      { numRuns: 40 },
    );
  });
});

// ---- zip bombs, invalid UTF-8, file names, formula injection in every export, oversize uploads ----

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const counts = { zipBombs: 0, invalidUtf8: 0, fileNames: 0, exportCells: 0, formulaCells: 0, oversize: 0 };
afterAll(() => console.info(`[hostile-input] zip bombs refused: ${counts.zipBombs}; invalid UTF-8 bodies: ${counts.invalidUtf8}; hostile file names: ${counts.fileNames}; export cells read back: ${counts.exportCells} (formula-like values: ${counts.formulaCells}, live formulas: 0); oversize uploads: ${counts.oversize}`));

async function workbookBuffer(rows: unknown[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Ordinateurs');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('zip bombs in XLSX imports', () => {
  const importXlsx = async (file: Buffer) =>
    t.http.post('/api/devices/import').query({ dryRun: 'true' }).set(await t.auth('it_staff')).set('Content-Type', XLSX_TYPE).send(file);

  // how fast and in how little memory they are refused is measured in the benchmark (bench/benchmarks/zip-bombs.ts)
  it('refuses archives that declare, or secretly inflate to, hundreds of megabytes', async () => {
    const bombs = await xlsxZipBombs(await workbookBuffer([['Numéro de série', 'Type'], ['BOMB-0', 'Écran']]));
    for (const bomb of bombs) {
      const response = await importXlsx(bomb.file);
      expect(response.status, `${bomb.what}: ${JSON.stringify(response.body)}`).toBe(bomb.status);
      expect(response.body.error.code).toBe(bomb.code);
      expect(response.body.error.message).toMatch(/classeur Excel/);
      console.info(`[hostile-input] zip bomb (${bomb.what}, ${Math.round(bomb.file.length / 1024)} KB sent): ${response.status} ${bomb.code}`);
      counts.zipBombs++;
    }
    expect(await t.sql(`select id from devices where serial_number = 'BOMB-0'`)).toEqual([]);
  }, 60_000);

  it('still reads a genuine workbook, and a damaged one is a 4xx', async () => {
    const genuine = await workbookBuffer([['Numéro de série', 'Type'], ['BOMB-1', 'Écran']]);
    const read = await importXlsx(genuine);
    expect(read.status, JSON.stringify(read.body)).toBe(200);
    expect(read.body.totalRows).toBe(1);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: genuine.length - 1 }), fc.integer({ min: 0, max: 255 }), fc.boolean(), async (position, byte, truncate) => {
        const damaged = truncate ? genuine.subarray(0, Math.max(5, position)) : Buffer.from(genuine);
        if (!truncate) damaged[position] = byte;
        expectDocumentedAnswer(await importXlsx(damaged), `byte ${position} → ${byte}${truncate ? ' (truncated)' : ''}`);
      }),
      { numRuns: 40 },
    );
  }, 60_000);
});

describe('invalid UTF-8', () => {
  const SEQUENCES = [Buffer.from([0xc3, 0x28]), Buffer.from([0xff, 0xfe]), Buffer.from([0xc0, 0xaf]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xe2, 0x82]), Buffer.from([0xf8, 0x88, 0x80, 0x80, 0x80])];
  const jsonWith = (bytes: Buffer) => Buffer.concat([Buffer.from('{"name":"A'), bytes, Buffer.from('","email":"x@test.fr","serialNumber":"S'), bytes, Buffer.from('"}')]);

  it('in a JSON body is refused with 400 INVALID_ENCODING on every write route, the login included', async () => {
    const admin = await t.auth('admin');
    for (const route of [...writeRoutes(), 'POST /api/auth/login']) {
      const [method, template] = route.split(' ');
      for (const bytes of SEQUENCES) {
        const response = await (t.http as unknown as Record<string, (url: string) => import('supertest').Test>)
          [method.toLowerCase()](template.replace(/\{\w+\}/g, '1'))
          .set(admin)
          .set('Content-Type', 'application/json')
          // raw bytes: superagent would otherwise serialise the Buffer itself as JSON
          .serialize((body: unknown) => body as string)
          .send(jsonWith(bytes));
        expect(response.status, `${route} ${bytes.toString('hex')}`).toBe(400);
        expect(response.body.error.code).toBe('INVALID_ENCODING');
        counts.invalidUtf8++;
      }
    }
  }, 60_000);

  it('in a CSV is read as Windows-1252 (as documented), and in an nwipe log is refused like in a JSON body', async () => {
    const tech = await t.auth('it_staff');
    for (const [index, bytes] of SEQUENCES.entries()) {
      const csv = Buffer.concat([Buffer.from('Numéro de série;Type;Modèle\n', 'latin1'), Buffer.from(`UTF8-${index};Écran;Mod`, 'latin1'), bytes, Buffer.from('\n')]);
      const response = await t.http.post('/api/devices/import').query({ dryRun: 'true', site: 'Dépôt' }).set(tech).set('Content-Type', 'text/csv').send(csv);
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      expect(response.body.preview[0].device.serialNumber).toBe(`UTF8-${index}`);
      const log = Buffer.concat([Buffer.from('[2026/11/23 10:00:00] nwipe: info: Device serial '), bytes, Buffer.from('\n')]);
      const refused = await t.http.post('/api/sanitizations/import').set(tech).set('Content-Type', 'text/plain').send(log);
      expect(refused.status, `nwipe ${bytes.toString('hex')}`).toBe(400);
      expect(refused.body.error.code).toBe('INVALID_ENCODING');
      counts.invalidUtf8 += 2;
    }
  });
});

describe('file names from the client', () => {
  const HOSTILE_NAMES = ['../../../../etc/passwd', '..\\..\\windows\\win.ini', '/etc/shadow', 'C:\\boot.ini', 'devices.csv\u0000.exe', '%2e%2e%2fetc%2fpasswd', 'a"; filename*=UTF-8\'\'evil.sh', '....//....//etc/hosts'];
  const SAFE_DISPOSITION = /^(inline|attachment); filename="[A-Za-z0-9._-]+"$/;

  it('are never read: uploads carry none, and a name sent anyway changes nothing', async () => {
    const tech = await t.auth('it_staff');
    const csv = Buffer.from('Numéro de série;Type\nNAME-1;Écran\n');
    for (const name of HOSTILE_NAMES) {
      const headerSafe = encodeURIComponent(name);
      const response = await t.http
        .post('/api/devices/import')
        .query({ dryRun: 'true', site: 'Dépôt' })
        .set(tech)
        .set('Content-Type', 'text/csv')
        .set('Content-Disposition', `attachment; filename="${headerSafe}"`)
        .set('X-File-Name', headerSafe)
        .send(csv);
      expect(response.status).toBe(200);
      expect(JSON.stringify(response.body)).not.toMatch(/etc|passwd|boot|win\.ini|evil/);
      // a multipart form (where a browser puts the file name) is not an accepted upload
      const multipart = await t.http.post('/api/devices/import').set(tech).attach('file', csv, { filename: name.replace(/\u0000/g, ''), contentType: 'text/csv' });
      expectDocumentedAnswer(multipart, `multipart ${name}`);
      expect(multipart.status).toBe(400);
      const log = await t.http.post('/api/sanitizations/import').set(tech).attach('file', Buffer.from('nwipe'), { filename: name.replace(/\u0000/g, ''), contentType: 'text/plain' });
      expectDocumentedAnswer(log, `nwipe multipart ${name}`);
      counts.fileNames += 3;
    }
  });

  it('cannot reach a download’s Content-Disposition either: names are built from our own references', async () => {
    const admin = await t.auth('admin');
    const today = new Date().toISOString().slice(0, 10);
    for (const territory of ['../../etc/passwd', 'Roubaix"\r\nSet-Cookie: a=1', 'Lille; filename=evil.sh', 'UTPAS Roubaix']) {
      const response = await t.http.get('/api/reports/partnership.xlsx').query({ from: today, to: today, territory }).set(admin).buffer(true).parse(binaryParser);
      expect(response.status, territory).toBe(200);
      expect(response.headers['content-disposition'], territory).toMatch(SAFE_DISPOSITION);
      expect(response.headers['set-cookie']).toBeUndefined();
      counts.fileNames++;
    }
  });

  it('has no route that writes a file: the only filesystem writes are start-up files and the backup command', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const files = (readdirSync('api', { recursive: true }) as string[]).filter((file) => file.endsWith('.ts')).map((file) => `api/${file.replaceAll('\\', '/')}`);
    const writers = files.filter((file) => /\b(writeFileSync|writeFile|createWriteStream|appendFile|appendFileSync|mkdirSync|mkdir|renameSync|copyFileSync|symlinkSync|unlinkSync|rmSync)\s*\(/.test(readFileSync(file, 'utf8')));
    console.info(`[hostile-input] API source files checked for filesystem writes: ${files.length}; writing: ${writers.join(', ')}`);
    // config.ts: the demo JWT secret in DATA_DIR; embedded-postgres.ts: the embedded database's directory;
    // api/backup/: the `npm run backup`/`restore` command, which no route imports (checked below)
    expect(writers.sort()).toEqual(['api/backup/archive.ts', 'api/backup/backup.ts', 'api/backup/restore.ts', 'api/config.ts', 'api/db/embedded-postgres.ts']);
    const importers = files.filter((file) => !file.startsWith('api/backup/') && /from '\.\.?\/(\.\.\/)*backup\//.test(readFileSync(file, 'utf8')));
    // `npm run verify-custody -- --backup FILE` reads a backup too; it is a command, which no other file imports
    expect(importers).toEqual(['api/transparency/snapshot-sources.ts']);
    const commandImporters = files.filter((file) => /from '[^']*(snapshot-sources|verify-custody)\.js'/.test(readFileSync(file, 'utf8')));
    expect(commandImporters).toEqual(['api/transparency/verify-custody.ts']);
  });
});

describe('formula injection', () => {
  const FORMULAS = ['=HYPERLINK("http://evil.example","clic")', '+SUM(1,2)', '-2+3', '@SUM(A1:A2)', '=cmd|\' /C calc\'!A0', '\t=1+1'];
  const injected = new Set(FORMULAS.map((formula) => formula.trim()));

  /** Every cell of every sheet: none is a formula; the injected values come back as plain text. */
  async function expectNoLiveFormula(buffer: Buffer, what: string): Promise<number> {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    let found = 0;
    workbook.eachSheet((sheet) =>
      sheet.eachRow({ includeEmpty: false }, (row) =>
        row.eachCell({ includeEmpty: false }, (cell) => {
          counts.exportCells++;
          expect(cell.type, `${what} ${sheet.name}!${cell.address}`).not.toBe(ExcelJS.ValueType.Formula);
          expect(cell.formula, `${what} ${sheet.name}!${cell.address}`).toBeUndefined();
          if (typeof cell.value === 'string' && [...injected].some((formula) => cell.value === formula || (cell.value as string).includes(formula))) {
            expect(cell.type).toBe(ExcelJS.ValueType.String);
            found++;
          }
        }),
      ),
    );
    counts.formulaCells += found;
    return found;
  }

  it('typed in CSV and XLSX cells comes out of the manifest, the stock-take report and the partnership workbooks as plain text', async () => {
    const tech = await t.auth('it_staff');
    const admin = await t.auth('admin');
    const SITE = 'Dépôt formules';
    const csv = ['Numéro de série;Type;Fabricant;Modèle;Nom;Numéro d\'inventaire;Lieu']
      .concat(FORMULAS.map((formula, index) => `"${index === 2 ? formula : `FX-${index}`}";Écran;"${formula.replace(/"/g, '""')}";"${formula.replace(/"/g, '""')}";"${formula.replace(/"/g, '""')}";"${formula.replace(/"/g, '""')}";${SITE}`))
      .join('\n');
    const fromCsv = await t.http.post('/api/devices/import').set(tech).set('Content-Type', 'text/csv').send(Buffer.from(csv));
    expect(fromCsv.status, JSON.stringify(fromCsv.body)).toBe(200);
    expect(fromCsv.body.created).toBe(FORMULAS.length);
    // an XLSX: text cells starting with = + - @, a real formula (its cached result is what is imported), and a formula site
    const xlsx = await workbookBuffer([
      ['Numéro de série', 'Type', 'Fabricant', 'Modèle', 'Lieu'],
      ['FX-XLSX-1', 'Écran', '@SUM(A1:A2)', { formula: 'HYPERLINK("http://evil.example","clic")', result: 'clic' }, SITE],
      ['FX-XLSX-2', 'Écran', '+SUM(1,2)', '=1+1', "=cmd|' /C calc'!A0"],
    ]);
    const fromXlsx = await t.http.post('/api/devices/import').set(tech).set('Content-Type', XLSX_TYPE).send(xlsx);
    expect(fromXlsx.status, JSON.stringify(fromXlsx.body)).toBe(200);
    const stored = await t.sql<{ id: number; brand: string; model: string; origin_site: string }>(`select id, brand, model, origin_site from devices where serial_number like 'FX-XLSX-%' order by serial_number`);
    expect(stored.map((device) => device.model)).toEqual(['clic', '=1+1']);
    expect(stored[1].origin_site).toBe("=cmd|' /C calc'!A0");
    injected.add('=1+1');

    // the manifest of a batch holding the CSV devices
    const devices = await t.sql<{ id: number }>(`select id from devices where origin_site = $1 and serial_number <> 'FX-XLSX-1' order by id`, [SITE]);
    for (const device of devices) expect((await t.http.post(`/api/devices/${device.id}/no-storage`).set(tech)).status).toBe(200);
    const batch = (await t.http.post('/api/batches').set(tech).send({ site: SITE })).body;
    expect((await t.http.post(`/api/batches/${batch.id}/devices`).set(tech).send({ ids: devices.map((device) => device.id) })).status).toBe(200);
    expect((await t.http.post(`/api/batches/${batch.id}/ready`).set(tech)).status).toBe(200);
    const manifest = await t.http.get(`/api/batches/${batch.id}/manifest.xlsx`).set(tech).buffer(true).parse(binaryParser);
    expect(manifest.headers['content-disposition']).toMatch(/^attachment; filename="manifeste-LOT-\d{4}-\d{4}\.xlsx"$/);
    expect(await expectNoLiveFormula(manifest.body, 'manifest')).toBeGreaterThanOrEqual(FORMULAS.length * 3);

    // the stock-take of the formula site, with unknown codes that look like formulas
    const audit = (await t.http.post('/api/audits').set(tech).send({ site: "=cmd|' /C calc'!A0" })).body;
    expect(audit.id).toBeDefined();
    for (const code of ['=2+5', '@SUM(1)', '+CMD']) expect((await t.http.post(`/api/audits/${audit.id}/scans`).set(tech).send({ code })).status).toBeLessThan(300);
    injected.add('=2+5').add('@SUM(1)').add('+CMD');
    const report = await t.http.get(`/api/audits/${audit.id}/report.xlsx`).set(tech).buffer(true).parse(binaryParser);
    expect(report.status).toBe(200);
    expect(await expectNoLiveFormula(report.body, 'stock-take')).toBeGreaterThanOrEqual(4);

    // the steering committee's workbook (raw sheets list brand, model and site of the period's devices), streamed and stored
    // the report's periods are Paris dates (the UTC date is yesterday's between midnight and 1 or 2 am in Paris)
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
    const partnership = await t.http.get('/api/reports/partnership.xlsx').query({ from: today, to: today }).set(admin).buffer(true).parse(binaryParser);
    expect(partnership.status).toBe(200);
    expect(await expectNoLiveFormula(partnership.body, 'partnership')).toBeGreaterThanOrEqual(FORMULAS.length * 2);
    const kept = await t.http.post('/api/reports').set(admin).send({ from: today, to: today, label: '=HYPERLINK("http://evil.example","rapport")' });
    expect(kept.status, JSON.stringify(kept.body)).toBe(201);
    const file = await t.http.get(`/api/reports/${kept.body.id}/file.xlsx`).set(admin).buffer(true).parse(binaryParser);
    expect(await expectNoLiveFormula(file.body, 'stored report')).toBeGreaterThanOrEqual(FORMULAS.length * 2);
  }, 60_000);
});

describe('oversize uploads', () => {
  it('are refused with 413 and the documented error on every upload route', async () => {
    const tech = await t.auth('it_staff');
    const admin = await t.auth('admin');
    const cases = [
      { path: '/api/devices/import', type: 'text/csv', size: 26 * 1024 * 1024, auth: tech },
      { path: '/api/devices/import', type: XLSX_TYPE, size: 26 * 1024 * 1024, auth: tech },
      { path: '/api/sanitizations/import', type: 'text/plain', size: 21 * 1024 * 1024, auth: tech },
      { path: '/api/sanitizations/import', type: 'application/json', size: 2 * 1024 * 1024, auth: tech },
      { path: '/api/devices', type: 'application/json', size: 2 * 1024 * 1024, auth: tech },
      { path: '/api/users', type: 'application/json', size: 2 * 1024 * 1024, auth: admin },
      { path: '/api/auth/login', type: 'application/json', size: 2 * 1024 * 1024, auth: {} },
    ];
    for (const upload of cases) {
      const body = upload.type.endsWith('json') ? Buffer.from(JSON.stringify({ notes: 'x'.repeat(upload.size) })) : Buffer.alloc(upload.size, 'a');
      const response = await t.http.post(upload.path).set(upload.auth).set('Content-Type', upload.type).send(body);
      expect(response.status, `${upload.path} ${upload.type}`).toBe(413);
      expect(response.body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('trop volumineux') });
      counts.oversize++;
    }
  }, 60_000);
});

describe('hardening round 2 (issue #20, the points done so far)', () => {
  it('refuses a deeply nested JSON body with a 400 on any route, the public login included (it was a stack overflow, a 500)', async () => {
    const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
    const deep = `{"email":${nested(5000)},"password":"x"}`;
    for (const [path, auth] of [['/api/auth/login', {}], ['/api/devices', await t.auth('admin')]] as const) {
      const response = await t.http.post(path).set(auth).set('Content-Type', 'application/json').send(deep);
      expect(response.status, path).toBe(400);
      expect(response.body.error.message).toContain('imbriqué');
    }
    // Réemploi's own bodies nest far less: an ordinary request still passes the guard
    const ok = await t.http.post('/api/devices').set(await t.auth('admin')).send({ type: 'laptop', originSite: 'Dépôt DSI — Lille', notes: null });
    expect(ok.status).toBe(201);
  });

  it('reads ids in paths as plain digits only: 1e2, 0x10, 07 and +5 are no ids', async () => {
    const admin = await t.auth('admin');
    const device = (await t.http.post('/api/devices').set(admin).send({ type: 'laptop', originSite: 'Dépôt DSI — Lille' })).body;
    expect((await t.http.get(`/api/devices/${device.id}`).set(admin)).status).toBe(200);
    for (const id of ['1e2', '0x10', `0${device.id}`, `+${device.id}`, `${device.id}.0`, ' 1']) {
      const response = await t.http.get(`/api/devices/${encodeURIComponent(id)}`).set(admin);
      expect(response.status, id).toBe(400);
    }
  });

  it('refuses a validly signed token that never expires', async () => {
    const { default: jwt } = await import('jsonwebtoken');
    const forever = jwt.sign({ role: 'admin', tv: 0 }, t.config.jwtSecret, { subject: String(t.users.admin.id), issuer: 'reemploi' });
    expect((await t.http.get('/api/me').set('Authorization', `Bearer ${forever}`)).status).toBe(401);
  });
});

describe('import files beyond the limits (issue #20 §1)', () => {
  it('refuses a huge-column CSV at its 201st cell with a short answer, and a workbook or a cell beyond the limits', async () => {
    const tech = await t.auth('it_staff');
    const send = (file: Buffer, type = 'text/csv') => t.http.post('/api/devices/import').query({ dryRun: 'true' }).set(tech).set('Content-Type', type).send(file);
    const hugeColumns = await send(hugeColumnCsv(1_200_000));
    expect(hugeColumns.status).toBe(400);
    expect(hugeColumns.text.length).toBeLessThan(1000);
    expect(hugeColumns.body.error.message).toMatch(/plus de 200 colonnes/);

    const longCell = await send(Buffer.from(`Numéro de série;Type;Lieu\nLONG-1;Portable;${'x'.repeat(40_000)}\n`));
    expect(longCell.status).toBe(400);
    expect(longCell.body.error.message).toMatch(/^Ligne 2, colonne 3 : la cellule dépasse 32\s767 caractères/);
    expect(longCell.text.length).toBeLessThan(1000);

    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Ordinateurs');
    sheet.addRow(['Numéro de série', 'Type']);
    sheet.getRow(2).getCell(1).value = 'WIDE-1';
    sheet.getRow(2).getCell(5000).value = 'x';
    const wide = await send(Buffer.from(await workbook.xlsx.writeBuffer()), XLSX_TYPE);
    expect(wide.status).toBe(400);
    expect(wide.body.error.message).toMatch(/^Ligne 2 : plus de 200 colonnes/);
    expect(await t.sql(`select id from devices where serial_number in ('SERIAL-1', 'LONG-1', 'WIDE-1')`)).toEqual([]);
  });
});
