import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { recipientOf, startMailServer, type MailServer } from '../helpers/mail-server.js';
import { generateSignerKey, openNote, parseCheckpointText, parseVerifierKey } from '../../api/transparency/signed-note.js';

/** Each new checkpoint e-mailed to the witnesses through the outbox, read back from a real SMTP server. */
let mailServer: MailServer;
let t: TestApp;
const ORIGIN = 'reemploi.test/witnesses';
const WITNESSES = ['dpo@lenord.fr', 'tracabilite@emmaus-connect.org'];

beforeAll(async () => {
  mailServer = await startMailServer();
  t = await createTestApp({
    SMTP_URL: mailServer.url,
    TRANSPARENCY_ORIGIN: ORIGIN,
    TRANSPARENCY_SIGNING_KEY: generateSignerKey(ORIGIN),
    TRANSPARENCY_WITNESSES: WITNESSES.join(', '),
  });
});
afterAll(async () => {
  await t.close();
  await mailServer.close();
});

const run = async (job: string) => {
  const response = await t.http.post(`/api/jobs/${job}/run`).set(await t.auth('admin'));
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
};

describe('the witnesses of the transparency log', () => {
  it('each receive every new signed checkpoint by e-mail, a note that verifies with the published key; nothing when no checkpoint is signed', async () => {
    const created = await t.http.post('/api/devices').set(await t.auth('it_staff')).send({ type: 'laptop', originSite: 'Dépôt DSI — Lille', serialNumber: 'WITNESS-1' });
    expect(created.status).toBe(201);
    expect((await run('sign-checkpoint')).result).toMatchObject({ signed: true, witnessesMailed: 2 });
    const queued = await t.sql<{ user_id: number | null; to_email: string }>(`select user_id, to_email from outbox order by id`);
    expect(queued).toEqual(WITNESSES.map((to_email) => ({ user_id: null, to_email })));
    expect((await run('send-mail')).result).toMatchObject({ sent: 2, failed: 0 });

    const checkpoint = (await t.http.get('/api/transparency/checkpoint')).body as { id: number; treeSize: number; rootHash: string; note: string };
    const key = parseVerifierKey((await t.http.get('/api/transparency/key')).body.verifierKey);
    expect(mailServer.inbox.map(recipientOf).sort()).toEqual([...WITNESSES].sort());
    for (const mail of mailServer.inbox) {
      expect(mail.subject).toBe(`Réemploi — point de contrôle n° ${checkpoint.id} du journal de transparence (${checkpoint.treeSize} feuilles)`);
      const note = mail.text!.slice(mail.text!.indexOf(`${ORIGIN}\n`));
      expect(note.trimEnd()).toBe(checkpoint.note.trimEnd());
      expect(parseCheckpointText(openNote(note.trimEnd() + '\n', key))).toMatchObject({ origin: ORIGIN, size: checkpoint.treeSize });
    }

    expect((await run('sign-checkpoint')).result).toMatchObject({ signed: false });
    expect(await t.sql(`select id from outbox where status = 'pending'`)).toEqual([]);
  });
});

describe('TRANSPARENCY_WITNESSES', () => {
  it('is a comma-separated list of e-mail addresses, empty by default, and refuses what is not an address', async () => {
    const { loadConfig } = await import('../../api/config.js');
    const base = { DATABASE_URL: 'postgres://localhost/x', JWT_SECRET: 'a-long-enough-secret-with-many-different-characters-0123456789' };
    expect(loadConfig(base).transparencyWitnesses).toEqual([]);
    expect(loadConfig({ ...base, TRANSPARENCY_WITNESSES: ' dpo@lenord.fr ,partenaire@example.org' }).transparencyWitnesses).toEqual(['dpo@lenord.fr', 'partenaire@example.org']);
    expect(() => loadConfig({ ...base, TRANSPARENCY_WITNESSES: 'dpo@lenord.fr, le DPO' })).toThrow(/TRANSPARENCY_WITNESSES/);
  });
});
