import { describe, expect, it } from 'vitest';
import { newPage, setUpBrowserApp } from '../helpers/browser.js';

/** The back office is installable on a phone: Chromium finds nothing missing (manifest, PNG icons, service worker). */
const e2e = setUpBrowserApp();

describe('installable app', () => {
  it('serves the PNG icons of the manifest at their declared sizes, and Chromium reports no installability error', async () => {
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    const sizes = await page.evaluate(async () => {
      const manifest = (await (await fetch('/admin/manifest.webmanifest')).json()) as { icons: { src: string; sizes: string; type: string }[] };
      const pngs = manifest.icons.filter((icon) => icon.type === 'image/png');
      return Promise.all(
        pngs.map(async (icon) => {
          const bitmap = await createImageBitmap(await (await fetch(icon.src)).blob());
          return { declared: icon.sizes, actual: `${bitmap.width}x${bitmap.height}` };
        }),
      );
    });
    expect(sizes).toEqual([
      { declared: '192x192', actual: '192x192' },
      { declared: '512x512', actual: '512x512' },
    ]);
    const cdp = await page.context().newCDPSession(page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] };
    expect(installabilityErrors.map((error) => error.errorId)).toEqual([]);
    await page.close();
  }, 60_000);
});
