import { describe, expect, it } from 'vitest';
import { TEST_PASSWORD, TEST_USERS } from '../helpers/app.js';
import { newPage, screenshot, seriousViolations, setUpBrowserApp, signIn } from '../helpers/browser.js';
import { generateSignerKey, parseSignerKey } from '../../api/transparency/signed-note.js';
import { signCheckpoint } from '../../api/transparency/transparency-log.js';

const e2e = setUpBrowserApp();

describe('the device page', () => {
  it('says the device’s history is included in a signed checkpoint, with its number and date, and that newer events wait for the next', async () => {
    const created = await e2e.t.http.post('/api/devices').set(await e2e.t.auth('it_staff')).send({ type: 'laptop', originSite: 'Dépôt DSI — Lille', serialNumber: 'E2E-PROOF-1' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const em = e2e.t.orm.em.fork();
    const signed = await signCheckpoint(em, parseSignerKey(generateSignerKey('reemploi.test/custody')), 'reemploi.test/custody');
    const [checkpoint] = await e2e.t.sql<{ signed_at: Date }>(`select signed_at from transparency_checkpoints where id = $1`, [signed.id]);

    const page = await newPage(e2e.browser, e2e.baseUrl);
    await signIn(page, e2e.baseUrl, TEST_USERS.it_staff.email, TEST_PASSWORD);
    await page.goto(`${e2e.baseUrl}/admin/devices/${created.body.id}/show`);
    const note = page.getByTestId('custody-proof');
    await note.waitFor({ timeout: 15_000 }).catch(async (error) => {
      await screenshot(page, 'device-custody-proof-failed');
      throw error;
    });
    const when = checkpoint.signed_at.toLocaleString('fr-FR', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Paris' });
    expect((await note.textContent())?.replace(/\s/g, ' ')).toBe(`Historique vérifiable : inclus dans le point de contrôle n° ${signed.id} signé le ${when}.`.replace(/\s/g, ' '));
    await screenshot(page, 'device-custody-proof');
    expect(await seriousViolations(page)).toEqual([]);

    const moved = await e2e.t.http.post(`/api/devices/${created.body.id}/move`).set(await e2e.t.auth('it_staff')).send({ site: 'Antenne de Valenciennes' });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    await page.reload();
    await expect.poll(async () => (await page.getByTestId('custody-proof').textContent()) ?? '').toContain('1 événement récent sera inclus au prochain point de contrôle.');
  });
});
