import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDFParse } from 'pdf-parse';
import { binaryParser, createTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ PUBLIC_URL: 'https://reemploi.example.fr' });
});
afterAll(() => t.close());

let serial = 0;
async function deviceWithMedia(count: number, type = 'laptop') {
  const tech = await t.auth('it_staff');
  const device = (await t.http.post('/api/devices').set(tech).send({ type, brand: 'Dell', model: 'Latitude 5490', originSite: 'Dépôt DSI — Lille', serialNumber: `DEV-SAN-${++serial}` })).body;
  const media = [];
  for (let i = 0; i < count; i++) {
    const response = await t.http.post('/api/media').set(tech).send({ device: device.id, kind: 'ssd', serialNumber: ` s3z${serial}x${i} `, model: 'Samsung PM871b', capacityGb: 256 });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    media.push(response.body);
  }
  return { device, media };
}

function wipe(medium: number, fields: Record<string, unknown> = {}) {
  return {
    medium,
    technique: 'overwrite_prng',
    tool: 'nwipe',
    toolVersion: '0.35',
    startedAt: '2026-11-20T09:00:00+01:00',
    finishedAt: '2026-11-20T10:30:00+01:00',
    passes: 1,
    verification: 'last_pass',
    result: 'success',
    ...fields,
  };
}

async function record(medium: number, fields: Record<string, unknown> = {}, role: 'it_staff' | 'admin' = 'it_staff') {
  return t.http.post('/api/sanitizations').set(await t.auth(role)).send(wipe(medium, fields));
}

async function status(deviceId: number) {
  return (await t.http.get(`/api/devices/${deviceId}`).set(await t.auth('it_staff'))).body;
}

describe('storage media', () => {
  it('stores the serial normalised and refuses the same disk in two devices', async () => {
    const { media } = await deviceWithMedia(1);
    expect(media[0].serialNumber).toMatch(/^S3Z\d+X0$/);
    const other = await deviceWithMedia(0);
    const again = await t.http.post('/api/media').set(await t.auth('it_staff')).send({ device: other.device.id, kind: 'hdd', serialNumber: media[0].serialNumber.toLowerCase() });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('MEDIUM_SERIAL_TAKEN');
  });

  it('lists media by device with their latest result', async () => {
    const { device, media } = await deviceWithMedia(2);
    await record(media[0].id);
    const list = await t.http.get('/api/media').query({ filter: JSON.stringify({ device: device.id }) }).set(await t.auth('it_staff'));
    expect(list.headers['content-range']).toBe('media 0-1/2');
    expect(list.body.map((medium: { lastResult: string | null }) => medium.lastResult)).toEqual(['success', null]);
  });

  it('removes a medium entered by mistake, but not one that has a record', async () => {
    const { device, media } = await deviceWithMedia(2);
    await record(media[0].id);
    const tech = await t.auth('it_staff');
    expect((await t.http.delete(`/api/media/${media[0].id}`).set(tech)).status).toBe(409);
    expect((await t.http.delete(`/api/media/${media[1].id}`).set(tech)).status).toBe(200);
    // the only remaining medium is wiped: removing the mistake completes the device
    expect((await status(device.id)).status).toBe('sanitized');
  });
});

describe('automatic state', () => {
  it('stays registered until every medium is wiped, then becomes sanitized with a certificate number', async () => {
    const { device, media } = await deviceWithMedia(2);
    const first = await record(media[0].id);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ category: 'clear', technique: 'overwrite_prng', result: 'success', operatorName: 'Théo Technicien', source: 'manual' });
    expect((await status(device.id)).status).toBe('registered');
    await record(media[1].id, { technique: 'nvme_sanitize', passes: null });
    const after = await status(device.id);
    expect(after.status).toBe('sanitized');
    expect(after.certificateNumber).toMatch(/^CS-\d{4}-\d{6}-[A-Z2-9]{4}$/);
    const events = await t.sql<{ type: string; from_status: string; to_status: string; details: { certificateNumber?: string } }>(
      `select type, from_status, to_status, details from events where device_id = $1 and type = 'transition'`,
      [device.id],
    );
    expect(events).toEqual([{ type: 'transition', from_status: 'registered', to_status: 'sanitized', details: { certificateNumber: after.certificateNumber } }]);
  });

  it('quarantines a device whose wipe failed, and frees it only with a later success or a destruction', async () => {
    const { device, media } = await deviceWithMedia(2);
    await record(media[0].id);
    const failed = await record(media[1].id, { result: 'failure', errors: '12 erreurs de vérification', startedAt: '2026-11-20T11:00:00+01:00', finishedAt: '2026-11-20T12:00:00+01:00' });
    expect(failed.status).toBe(201);
    expect((await status(device.id)).status).toBe('quarantined');
    const [event] = await t.sql<{ reason: string }>(`select reason from events where device_id = $1 and to_status = 'quarantined'`, [device.id]);
    expect(event.reason).toMatch(/12 erreurs de vérification/);
    // an older success does not outweigh the later failure
    await record(media[1].id, { startedAt: '2026-11-19T09:00:00+01:00', finishedAt: '2026-11-19T10:00:00+01:00' });
    expect((await status(device.id)).status).toBe('quarantined');
    const destroyed = await record(media[1].id, { technique: 'shred', tool: 'Broyeur DSI', passes: null, verification: 'none', startedAt: '2026-11-21T09:00:00+01:00', finishedAt: '2026-11-21T09:05:00+01:00' });
    expect(destroyed.body.category).toBe('destroy');
    const freed = await status(device.id);
    expect(freed.status).toBe('sanitized');
  });

  it('certifies a device recorded as having no storage', async () => {
    const { device } = await deviceWithMedia(0, 'monitor');
    const response = await t.http.post(`/api/devices/${device.id}/no-storage`).set(await t.auth('it_staff'));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'sanitized', noStorage: true, certificateNumber: expect.stringMatching(/^CS-/) });
  });

  it('refuses no-storage for a device with media, and any change once certified', async () => {
    const { device, media } = await deviceWithMedia(1);
    const tech = await t.auth('it_staff');
    expect((await t.http.post(`/api/devices/${device.id}/no-storage`).set(tech)).status).toBe(409);
    await record(media[0].id);
    const late = await t.http.post('/api/media').set(tech).send({ device: device.id, kind: 'hdd', serialNumber: 'LATE-DISK-1' });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('DEVICE_ALREADY_SANITIZED');
    expect((await record(media[0].id)).status).toBe(409);
  });

  it('reaches sanitized exactly once when two media are recorded at the same moment', async () => {
    const { device, media } = await deviceWithMedia(2);
    const responses = await Promise.all(media.map((medium) => record(medium.id)));
    expect(responses.map((response) => response.status)).toEqual([201, 201]);
    expect((await status(device.id)).status).toBe('sanitized');
    expect(await t.sql(`select count(*)::int as n from certificates where device_id = $1`, [device.id])).toEqual([{ n: 1 }]);
  });

  it('cannot be forced through the generic transitions endpoint', async () => {
    const { device } = await deviceWithMedia(1);
    const response = await t.http.post(`/api/devices/${device.id}/transitions`).set(await t.auth('admin')).send({ to: 'sanitized' });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('TRANSITION_NEEDS_FLOW');
  });
});

describe('records', () => {
  it('refuses inconsistent input with 400', async () => {
    const { media } = await deviceWithMedia(1);
    const bad = [
      { category: 'destroy' },
      { technique: 'magic' },
      { finishedAt: '2026-11-20T08:00:00+01:00' },
      { startedAt: 'yesterday' },
      { result: 'maybe' },
      { finishedAt: '2099-01-01T00:00:00Z', startedAt: '2098-01-01T00:00:00Z' },
      { passes: 1000 },
    ];
    for (const fields of bad) {
      const response = await record(media[0].id, fields);
      expect(response.status, JSON.stringify(fields)).toBe(400);
      expect(response.body.error.code).toBe('INVALID_INPUT');
    }
    expect((await record(999999)).status).toBe(400);
  });

  it('accepts the short `verified` form of the public contract', async () => {
    const { media } = await deviceWithMedia(1);
    const response = await t.http.post('/api/sanitizations').set(await t.auth('it_staff')).send({
      medium: media[0].id,
      category: 'purge',
      technique: 'ata_secure_erase',
      tool: 'hdparm',
      startedAt: '2026-11-20T09:00:00Z',
      finishedAt: '2026-11-20T09:02:00Z',
      verified: true,
      result: 'success',
    });
    expect(response.status).toBe(201);
    expect(response.body.verification).toBe('last_pass');
  });

  it('are append-only in the database', async () => {
    const { media } = await deviceWithMedia(1);
    const created = await record(media[0].id);
    await expect(t.sql(`update sanitizations set result = 'failure' where id = $1`, [created.body.id])).rejects.toThrow(/append-only/);
    await expect(t.sql(`delete from sanitizations where id = $1`, [created.body.id])).rejects.toThrow(/append-only/);
  });

  it('are written by depot staff only', async () => {
    const { media } = await deviceWithMedia(1);
    for (const role of ['partner', 'social_worker', 'viewer'] as const) {
      expect((await t.http.post('/api/sanitizations').set(await t.auth(role)).send(wipe(media[0].id))).status, role).toBe(403);
      expect((await t.http.post('/api/media').set(await t.auth(role)).send({ device: 1, kind: 'hdd', serialNumber: 'X' })).status, role).toBe(403);
      expect((await t.http.get('/api/sanitizations').set(await t.auth(role))).status, role).toBe(403);
    }
    expect((await record(media[0].id, {}, 'admin')).status).toBe(201);
  });
});

describe('certificates', () => {
  async function certifiedDevice() {
    const { device, media } = await deviceWithMedia(2);
    await record(media[0].id);
    await record(media[1].id, { technique: 'overwrite_dod_short', passes: 3, verification: 'all_passes' });
    return { device: await status(device.id), media };
  }

  it('prints the NIST SP 800-88 Appendix G fields and a QR code to the public check', async () => {
    const { device, media } = await certifiedDevice();
    const response = await t.http.get(`/api/devices/${device.id}/certificate.pdf`).set(await t.auth('it_staff')).buffer(true).parse(binaryParser);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const parser = new PDFParse({ data: response.body });
    const { text } = await parser.getText();
    await parser.destroy();
    for (const expected of [
      "Certificat d'effacement des données",
      device.certificateNumber,
      'Théo Technicien',
      'Technicien informatique',
      'Département du Nord',
      device.assetTag,
      'DEV-SAN-',
      media[0].serialNumber,
      media[1].serialNumber,
      'Effacement logique (Clear)',
      'Écrasement par flux pseudo-aléatoire (PRNG)',
      'Écrasement DoD 5220.22-M court (3 passes)',
      'nwipe 0.35',
      'toutes les passes relues',
      'Signature',
      `https://reemploi.example.fr/api/certificates/${device.certificateNumber}`,
      // every wipe was read back: the signed sentence may say so
      'a été réalisé et vérifié conformément à la méthode indiquée',
    ]) {
      expect(text.replace(/\s+/g, ' '), expected).toContain(expected.replace(/\s+/g, ' '));
    }
  });

  async function certificateText(deviceId: number): Promise<string> {
    const response = await t.http.get(`/api/devices/${deviceId}/certificate.pdf`).set(await t.auth('it_staff')).buffer(true).parse(binaryParser);
    expect(response.status).toBe(200);
    const parser = new PDFParse({ data: response.body });
    const text = (await parser.getText()).text.replace(/\s+/g, ' ');
    await parser.destroy();
    return text;
  }

  it('prints the times the technician gave, and only the end time when no start was given', async () => {
    const given = await deviceWithMedia(1);
    expect((await record(given.media[0].id)).status).toBe(201);
    expect(await certificateText(given.device.id)).toContain('Réalisé : le 20 novembre 2026, de 09:00 à 10:30');

    const endOnly = await deviceWithMedia(1);
    const recorded = await record(endOnly.media[0].id, { startedAt: undefined, finishedAt: '2026-11-20T21:25:00+01:00', toolVersion: null });
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);
    expect(recorded.body.startedAt).toBeNull();
    const listed = await t.http.get('/api/sanitizations').query({ filter: JSON.stringify({ device: endOnly.device.id }) }).set(await t.auth('it_staff'));
    expect(listed.body[0]).toMatchObject({ startedAt: null, finishedAt: '2026-11-20T20:25:00.000Z' });
    const text = await certificateText(endOnly.device.id);
    expect(text).toContain('Réalisé : le 20 novembre 2026 à 21:25 (heure de fin seulement)');
    expect(text).not.toMatch(/de \d\d:\d\d à \d\d:\d\d/);
    // a tool without a known version says so; nothing is left as a dangling dash
    expect(text).toContain('Outil : nwipe (version non renseignée)');
    expect(text).not.toMatch(/—\s*(Outil|N° de série|$)/);
    // null is the same as leaving it out
    const nullStart = await deviceWithMedia(1);
    expect((await record(nullStart.media[0].id, { startedAt: null })).body.startedAt).toBeNull();
  });

  it('prints a disk without model or capacity without a dangling dash, and an unknown serial in words', async () => {
    const tech = await t.auth('it_staff');
    const device = (await t.http.post('/api/devices').set(tech).send({ type: 'desktop', originSite: 'Dépôt DSI — Lille' })).body;
    const medium = (await t.http.post('/api/media').set(tech).send({ device: device.id, kind: 'hdd', serialNumber: `BARE-${++serial}` })).body;
    expect((await record(medium.id)).status).toBe(201);
    const text = await certificateText(device.id);
    expect(text).toMatch(/Disque dur \(HDD\)\s*N° de série du support/);
    expect(text).toContain('N° de série : non renseigné');
    expect(text).not.toMatch(/ — (N° de série|$)/);
  });

  it('does not have the technician sign « vérifié » when a wipe was recorded without verification', async () => {
    const { device, media } = await deviceWithMedia(1);
    expect((await record(media[0].id, { verification: 'none' })).status).toBe(201);
    const response = await t.http.get(`/api/devices/${device.id}/certificate.pdf`).set(await t.auth('it_staff')).buffer(true).parse(binaryParser);
    expect(response.status).toBe(200);
    const parser = new PDFParse({ data: response.body });
    const text = (await parser.getText()).text.replace(/\s+/g, ' ');
    await parser.destroy();
    expect(text).toContain('Vérification : aucune');
    expect(text).not.toContain('réalisé et vérifié');
    expect(text).toContain('a été réalisé conformément à la méthode indiquée, avec la vérification indiquée pour chaque support.');
  });

  it('says clearly when a device has no certificate yet', async () => {
    const { device } = await deviceWithMedia(1);
    const response = await t.http.get(`/api/devices/${device.id}/certificate.pdf`).set(await t.auth('it_staff'));
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('NO_CERTIFICATE');
  });

  it('is verified publicly without revealing serial numbers or names', async () => {
    const { device, media } = await certifiedDevice();
    const response = await t.http.get(`/api/certificates/${device.certificateNumber}`);
    expect(response.status).toBe(200);
    expect(Object.keys(response.body).sort()).toEqual(['assetTag', 'issuedAt', 'method', 'number', 'transparency', 'valid']);
    expect(response.body).toMatchObject({ valid: true, number: device.certificateNumber, assetTag: device.assetTag });
    expect(response.body.method).toMatch(/NIST SP 800-88/);
    const everything = JSON.stringify(response.body);
    for (const secret of [media[0].serialNumber, device.serialNumber, 'Théo', 'Dépôt']) expect(everything).not.toContain(secret);

    const html = await t.http.get(`/api/certificates/${device.certificateNumber.toLowerCase()}`).set('Accept', 'text/html');
    expect(html.status).toBe(200);
    expect(html.text).toContain('Certificat authentique');
    expect(html.text).not.toContain(media[0].serialNumber);

    const fake = await t.http.get('/api/certificates/CS-2026-000001-AAAA');
    expect(fake.status).toBe(404);
    expect(fake.body.error.code).toBe('CERTIFICATE_NOT_FOUND');
  });
});
