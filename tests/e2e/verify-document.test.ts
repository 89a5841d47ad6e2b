import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { binaryParser } from '../helpers/app.js';
import { newPage, screenshot, seriousViolations, setUpBrowserApp } from '../helpers/browser.js';

const e2e = setUpBrowserApp();

/** Drops a file on the drop zone as a person dragging it from their desktop would. */
async function dropPdf(page: Page, name: string, bytes: Buffer): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ({ name, base64 }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([Uint8Array.from(atob(base64), (char) => char.charCodeAt(0))], name, { type: 'application/pdf' }));
      return transfer;
    },
    { name, base64: bytes.toString('base64') },
  );
  await page.getByTestId('document-drop-zone').dispatchEvent('drop', { dataTransfer });
}

describe('the public page « Vérifier un document »', () => {
  it('is reached from the login page, hashes a dropped PDF in the browser and says when Réemploi issued it, or that a modified one is unknown', async () => {
    const tech = await e2e.t.auth('it_staff');
    const created = await e2e.t.http.post('/api/devices').set(tech).send({ type: 'laptop', originSite: 'Dépôt DSI — Lille', serialNumber: 'E2E-DOC-1' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const certified = await e2e.t.http.post(`/api/devices/${created.body.id}/no-storage`).set(tech);
    expect(certified.status).toBe(200);
    const download = await e2e.t.http.get(`/api/devices/${created.body.id}/certificate.pdf`).set(tech).buffer(true).parse(binaryParser);
    expect(download.status).toBe(200);
    const pdf = download.body as Buffer;
    const [issued] = await e2e.t.sql<{ issued_at: Date }>(`select issued_at from issued_documents order by id desc limit 1`);

    const page = await newPage(e2e.browser, e2e.baseUrl);
    const uploads: string[] = [];
    page.on('request', (request) => {
      if (request.method() !== 'GET') uploads.push(request.url());
    });
    await page.goto(`${e2e.baseUrl}/admin/login`);
    await page.getByRole('link', { name: 'Vérifier un certificat ou un manifeste' }).click();
    await page.getByRole('heading', { name: 'Vérifier un document' }).waitFor({ timeout: 15_000 });

    await dropPdf(page, 'certificat.pdf', pdf);
    const when = issued.issued_at.toLocaleString('fr-FR', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Paris' });
    const answer = page.getByRole('status');
    await expect.poll(async () => ((await answer.textContent()) ?? '').replace(/\s/g, ' '), { timeout: 10_000 }).toContain(
      `certificat d'effacement ${certified.body.certificateNumber} émis par Réemploi le ${when}`.replace(/\s/g, ' '),
    );
    await screenshot(page, 'verify-document-issued');
    expect(await seriousViolations(page)).toEqual([]);

    const modified = Buffer.from(pdf);
    modified[modified.length - 10] ^= 1;
    await dropPdf(page, 'certificat-modifie.pdf', modified);
    await expect.poll(async () => (await page.getByRole('status').textContent()) ?? '', { timeout: 10_000 }).toContain('document inconnu');
    await screenshot(page, 'verify-document-unknown');
    expect(uploads).toEqual([]);
  });
});
