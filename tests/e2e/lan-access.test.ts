import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, TEST_USERS, type TestApp } from '../helpers/app.js';
import { assertAdminBuilt, closeServer, launchBrowser, screenshot, signIn, type TestBrowser } from '../helpers/browser.js';

/**
 * The back office opened from another machine over plain HTTP (issue #19 §1). Chromium resolves
 * the made-up name reemploi.test to this machine: a non-loopback host name, which the browser does
 * not treat as a secure origin (unlike localhost), so `upgrade-insecure-requests` would send every
 * script to https:// and leave a blank page.
 */
const HOST = 'reemploi.test';

let t: TestApp;
let server: Server;
let browser: TestBrowser;
let baseUrl: string;

beforeAll(async () => {
  assertAdminBuilt();
  t = await createTestApp();
  server = await new Promise<Server>((resolve) => {
    const listening = t.app.listen(0, () => resolve(listening));
  });
  baseUrl = `http://${HOST}:${(server.address() as AddressInfo).port}`;
  browser = await launchBrowser([`--host-resolver-rules=MAP ${HOST} 127.0.0.1`]);
});

afterAll(async () => {
  await browser?.close();
  await closeServer(server);
  await t?.close();
});

describe('Back office from another machine, over plain HTTP', () => {
  it('loads its scripts over HTTP and shows the back office after sign-in', async () => {
    const page = await browser.context.newPage();
    const failed: string[] = [];
    page.on('requestfailed', (request) => failed.push(request.url()));
    const response = await page.goto(`${baseUrl}/admin/`);
    expect(response!.headers()['content-security-policy']).not.toMatch(/upgrade-insecure-requests/);
    await signIn(page, baseUrl, TEST_USERS.it_staff.email, TEST_PASSWORD);
    await page.getByText('Appareils par statut').first().waitFor();
    await page.getByRole('menuitem', { name: 'Appareils' }).waitFor();
    expect(failed.filter((url) => url.startsWith('https:'))).toEqual([]);
    expect(new URL(page.url()).host).toBe(new URL(baseUrl).host);
    await screenshot(page, 'lan-access-dashboard');
    await page.close();
  }, 60_000);
});
