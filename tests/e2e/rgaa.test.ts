import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { TEST_PASSWORD, TEST_USERS } from '../helpers/app.js';
import { newPage, screenshot, seriousViolations, signIn, setUpBrowserApp } from '../helpers/browser.js';
import { expectAccessible } from '../helpers/axe.js';

// RGAA 4.1 beyond what axe sees (issue #21): titles, focus ring, keyboard.
const e2e = setUpBrowserApp();
let device: { id: number; assetTag: string };

beforeAll(async () => {
  const auth = await e2e.t.auth('it_staff');
  // enough rows for the list to scroll; the one the tests open last, so first in the list
  for (let index = 0; index < 30; index += 1) {
    await e2e.t.http.post('/api/devices').set(auth).send({ type: 'desktop', originSite: 'Antenne de Valenciennes', brand: 'HP', model: `Modèle ${index}`, serialNumber: `RGAA-1${index}` });
  }
  const created = await e2e.t.http
    .post('/api/devices')
    .set(auth)
    .send({ type: 'laptop', originSite: 'Dépôt DSI — Lille', brand: 'Lenovo', model: 'ThinkPad T480', serialNumber: 'RGAA-0001' });
  device = created.body;
});

async function waitForTitle(page: Page, title: string): Promise<string> {
  await page.waitForFunction((expected) => document.title === expected, title, { timeout: 10_000 }).catch(async () => {
    throw new Error(`title « ${await page.title()} », expected « ${title} »`);
  });
  return title;
}

/** WCAG relative luminance and contrast ratio of two `rgb(a)` colours. */
function contrast(first: string, second: string): number {
  const luminance = (colour: string) => {
    const [r, g, b] = (colour.match(/[\d.]+/g) ?? []).slice(0, 3).map((value) => {
      const channel = Number(value) / 255;
      return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [light, dark] = [luminance(first), luminance(second)].sort((a, b) => b - a);
  return (light + 0.05) / (dark + 0.05);
}

/** The ring of the focused control (on it, its MUI focus-visible root or its field box) and the colour behind it. */
function focusRing(page: Page) {
  return page.evaluate(() => {
    const active = document.activeElement as HTMLElement;
    const ringed = [active, active.closest('.Mui-focusVisible'), active.closest('.MuiInputBase-root')].find(
      (element): element is HTMLElement => !!element && getComputedStyle(element).outlineStyle !== 'none' && parseFloat(getComputedStyle(element).outlineWidth) > 0,
    );
    const backgroundOf = (element: Element | null): string => {
      for (let current = element; current; current = current.parentElement) {
        const colour = getComputedStyle(current).backgroundColor;
        if (colour !== 'rgba(0, 0, 0, 0)' && colour !== 'transparent') return colour;
      }
      return 'rgb(255, 255, 255)';
    };
    const describe = `${active.tagName.toLowerCase()} ${active.getAttribute('aria-label') ?? active.textContent?.trim().slice(0, 30) ?? ''}`;
    if (!ringed) return { describe, width: 0, colour: '', background: '' };
    const style = getComputedStyle(ringed);
    return { describe, width: parseFloat(style.outlineWidth), colour: style.outlineColor, background: backgroundOf(ringed.parentElement) };
  });
}

describe('RGAA 8.6: every screen has its own title', () => {
  it('names the record and the screen in the tab title, and follows navigation', async () => {
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await page.goto(`${e2e.baseUrl}/admin/login`);
    await waitForTitle(page, 'Connexion — Réemploi');
    await signIn(page, e2e.baseUrl, TEST_USERS.it_staff.email, TEST_PASSWORD);
    const titles = [await waitForTitle(page, 'Accueil — Réemploi')];
    await page.getByRole('menuitem', { name: 'Appareils' }).click();
    titles.push(await waitForTitle(page, 'Appareils — Réemploi'));
    await page.goto(`${e2e.baseUrl}/admin/devices/${device.id}/show`);
    titles.push(await waitForTitle(page, `${device.assetTag} — Appareil — Réemploi`));
    await page.goto(`${e2e.baseUrl}/admin/devices/${device.id}`);
    titles.push(await waitForTitle(page, `${device.assetTag} — Appareil — Modification — Réemploi`));
    await page.getByRole('menuitem', { name: 'Scanner' }).click();
    titles.push(await waitForTitle(page, 'Scanner — Réemploi'));
    await page.getByRole('menuitem', { name: 'Lots' }).click();
    titles.push(await waitForTitle(page, "Lots d'enlèvement — Réemploi"));
    expect(new Set(titles).size).toBe(titles.length);
    await page.close();
  }, 60_000);
});

describe('RGAA 10.7: a visible focus ring', () => {
  it('rings every control the keyboard reaches at 3:1 or more, the skip link included', async () => {
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await signIn(page, e2e.baseUrl, TEST_USERS.it_staff.email, TEST_PASSWORD);
    await page.getByRole('menuitem', { name: 'Appareils' }).click();
    await page.getByText(device.assetTag).waitFor();
    const skip = page.getByRole('button', { name: 'Aller au contenu' });
    await skip.focus();
    await page.waitForTimeout(400);
    const skipLook = await skip.evaluate((element) => ({ colour: getComputedStyle(element).color, background: getComputedStyle(element).backgroundColor, top: element.getBoundingClientRect().top }));
    expect(skipLook.top).toBeGreaterThanOrEqual(0);
    expect(contrast(skipLook.colour, skipLook.background)).toBeGreaterThanOrEqual(4.5);
    await screenshot(page, 'rgaa-skip-link');

    const seen: string[] = [];
    for (let press = 0; press < 30; press += 1) {
      await page.keyboard.press('Tab');
      const ring = await focusRing(page);
      seen.push(ring.describe);
      expect(ring.width, `focus ring of ${ring.describe}`).toBeGreaterThanOrEqual(2);
      expect(contrast(ring.colour, ring.background), `focus ring of ${ring.describe}: ${ring.colour} on ${ring.background}`).toBeGreaterThanOrEqual(3);
      if (press === 12) await screenshot(page, 'rgaa-focus-ring');
    }
    // the sample holds app bar buttons, menu links, the filter field and the table's checkboxes
    expect(seen.some((text) => text.startsWith('input'))).toBe(true);
    expect(seen.some((text) => text.startsWith('a '))).toBe(true);
    await page.close();
  }, 60_000);
});

describe('RGAA 12: the keyboard', () => {
  it('lets Space press a focused button on a scan screen, typing nothing in the scan field', async () => {
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await signIn(page, e2e.baseUrl, TEST_USERS.it_staff.email, TEST_PASSWORD);
    await page.getByRole('menuitem', { name: 'Scanner' }).click();
    const field = page.getByLabel('Code scanné');
    await field.waitFor();
    await page.keyboard.type(`${device.assetTag}\n`);
    await page.getByTestId('scanned-device').waitFor();
    const before = await field.inputValue();
    const move = page.getByRole('button', { name: 'Déplacer' }).first();
    await move.focus();
    await page.keyboard.press('Space');
    await page.getByRole('dialog').waitFor();
    expect(await field.inputValue()).toBe(before);
    await expectAccessible(page, 'with the move dialog open');
    await page.close();
  }, 60_000);

  it('keeps the top bar on screen (and in the Tab order) once the page scrolls', async () => {
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await page.setViewportSize({ width: 1366, height: 500 });
    await signIn(page, e2e.baseUrl, TEST_USERS.it_staff.email, TEST_PASSWORD);
    await page.getByRole('menuitem', { name: 'Appareils' }).click();
    await page.getByText(device.assetTag).waitFor();
    await page.mouse.wheel(0, 2000);
    await page.waitForTimeout(600);
    const bar = await page.locator('header.MuiAppBar-root').boundingBox();
    expect(bar?.y ?? -1).toBeGreaterThanOrEqual(0);
    await page.close();
  }, 60_000);

  it('has no chart surface as a Tab stop without a name', async () => {
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await signIn(page, e2e.baseUrl, TEST_USERS.admin.email, TEST_PASSWORD);
    await page.getByText('Flux mensuels').first().waitFor();
    await page.getByTestId('chart-monthly').locator('svg').first().waitFor();
    const unnamedStops = await page.evaluate(() =>
      [...document.querySelectorAll('[data-testid^="chart-"] [tabindex]')]
        .filter((element) => (element as HTMLElement).tabIndex >= 0 && !element.getAttribute('aria-label') && !element.getAttribute('aria-labelledby'))
        .map((element) => element.outerHTML.slice(0, 120)),
    );
    expect(unnamedStops).toEqual([]);
    await page.close();
  }, 60_000);
});

describe('RGAA 1.9 and 4.1: the charts as data tables', () => {
  it('puts the monthly and by-type figures in tables beside their charts', async () => {
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await signIn(page, e2e.baseUrl, TEST_USERS.admin.email, TEST_PASSWORD);
    await page.getByText('Flux mensuels').first().waitFor();
    for (const id of ['chart-monthly', 'chart-by-type']) {
      const table = page.getByTestId(`${id}-table`);
      await table.getByText('Voir les données en tableau').click();
      await table.getByRole('table').waitFor();
      expect(await table.getByRole('columnheader').count()).toBeGreaterThan(2);
    }
    // 31 devices registered this month: the monthly table says it in words and figures
    const monthly = page.getByTestId('chart-monthly-table');
    expect(await monthly.getByRole('columnheader').allTextContents()).toEqual(['Mois', 'Enregistrés', 'Remis', 'Attribués']);
    expect(await monthly.getByRole('cell').allTextContents()).toContain('31');
    await page.close();
  }, 60_000);
});

/** Words of MUI's or the browser's English that must not show in the French UI. */
const ENGLISH = /\b(Clear|Open|Close|Please fill|Rows per page|No options|Loading…)\b/;

async function englishOnPage(page: Page): Promise<string[]> {
  return page.evaluate((pattern) => {
    const found = new Set<string>();
    const english = new RegExp(pattern);
    if (english.test(document.body.innerText)) found.add(`text: ${document.body.innerText.match(english)?.[0]}`);
    for (const element of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
      for (const name of ['aria-label', 'title', 'placeholder']) {
        const value = element.getAttribute(name);
        if (value && english.test(value)) found.add(`${name}: ${value}`);
      }
    }
    return [...found];
  }, ENGLISH.source);
}

describe('RGAA 8.7: French everywhere in the French UI', () => {
  it('says the autocomplete buttons and the browser-checked fields in French', async () => {
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await signIn(page, e2e.baseUrl, TEST_USERS.it_staff.email, TEST_PASSWORD);
    await page.goto(`${e2e.baseUrl}/admin/devices/create`);
    const site = page.getByRole('combobox', { name: "Site d'origine" });
    await site.waitFor();
    await page.getByLabel('Marque', { exact: true }).fill('Dell');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForTimeout(300);
    expect(await site.evaluate((input: HTMLInputElement) => input.validationMessage)).toBe('Ce champ est requis');
    await site.fill('Dépôt');
    expect(await site.evaluate((input: HTMLInputElement) => input.validationMessage)).toBe('');
    expect(await page.getByRole('button', { name: 'Vider' }).count()).toBeGreaterThan(0);
    expect(await englishOnPage(page)).toEqual([]);
    await page.goto(`${e2e.baseUrl}/admin/devices`);
    await page.getByText(device.assetTag).waitFor();
    expect(await englishOnPage(page)).toEqual([]);
    await page.close();
  }, 60_000);
});

/** The main list, show and form screens of each role (paths under /admin/). */
const SCREENS: Record<'it_staff' | 'admin' | 'social_worker' | 'partner' | 'viewer', (deviceId: number) => string[]> = {
  it_staff: (id) => ['devices', `devices/${id}/show`, `devices/${id}`, 'devices/create', 'scanner', 'wiping', 'sanitizations', 'batches', 'batches/create', 'audits', 'missing', 'import'],
  admin: () => ['', 'users', 'users/create', 'factors', 'agreements', 'agreements/create', 'admin-log', 'referrals', 'beneficiaries', 'rgpd', 'stations', 'price-grids/create'],
  social_worker: () => ['', 'referrals/create', 'referrals', 'beneficiaries'],
  partner: () => ['', 'pickup', 'refurbishment', 'referrals', 'reception', 'price-grids'],
  // the price grid's first version is the one its migration seeds
  viewer: () => ['', 'agreements', 'factors', 'price-grids', 'price-grids/1/show'],
};

/** How far the page itself scrolls sideways (tables scroll inside their own box, which is allowed). */
const sidewaysOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** The outermost elements sticking out on the right, outside any box that scrolls or clips (to say what to fix). */
const stickingOut = (page: Page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const clipped = (element: Element) => {
      for (let parent = element.parentElement; parent; parent = parent.parentElement) {
        if (getComputedStyle(parent).overflowX !== 'visible') return true;
      }
      return false;
    };
    return [...document.querySelectorAll('body *')]
      .filter((element) => element.getBoundingClientRect().right > width + 1 && !clipped(element) && !(element.parentElement && element.parentElement.getBoundingClientRect().right > width + 1))
      .slice(0, 3)
      .map((element) => `${[element.parentElement, element.parentElement?.parentElement].map((parent) => parent && `${parent.className.replace(/css-\w+/g, '')} ${getComputedStyle(parent).display} ${getComputedStyle(parent).flexDirection} ${getComputedStyle(parent).flexWrap} ${Math.round(parent.getBoundingClientRect().left)}-${Math.round(parent.getBoundingClientRect().right)}`).join(' < ')} :: ${Math.round(element.getBoundingClientRect().left)} ${element.tagName.toLowerCase()}.${[...element.classList].filter((name) => !name.startsWith('css-')).join('.')} in ${element.parentElement?.className.split(' ')[0]}, ${Math.round(element.getBoundingClientRect().width)} px wide`);
  });

/** A screen (path under /admin/) to open at a width. */
type Visit = { screen: string; width: 320 | 640 };

/**
 * Each visit in `page`, in order (the viewport set to its width, the screen opened and settled: its
 * requests done, then 300 ms): what sticks out sideways, and at 640 px axe's serious and critical violations.
 */
async function reflowProblems(page: Page, visits: Visit[]): Promise<string[]> {
  const problems: string[] = [];
  for (const { screen, width } of visits) {
    if (page.viewportSize()?.width !== width) await page.setViewportSize({ width, height: 800 });
    await page.goto(`${e2e.baseUrl}/admin/${screen}`);
    await page.locator('#main-content').waitFor();
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(300);
    const overflow = await sidewaysOverflow(page);
    // axe on every screen visited, once (at 640 px)
    if (width === 640) for (const violation of await seriousViolations(page)) problems.push(`${screen || 'home'}: axe ${violation.id} on ${violation.targets.join(' ; ')}`);
    if (overflow > 0) problems.push(`${screen || 'home'} at ${width} px: ${overflow} px (${(await stickingOut(page)).join(', ')})`);
    if (width === 320 && screen === 'devices') await screenshot(page, 'rgaa-devices-320');
  }
  return problems;
}

/**
 * Tabs the visits are dealt out to: a screen's time is mostly spent waiting for it to settle, and
 * tabs wait side by side (each one gets 320 px and 640 px visits: axe's work is shared too).
 */
const TABS = 4;

describe('RGAA 10.11: reflow at 320 and 640 CSS px (and axe on each screen)', () => {
  for (const role of Object.keys(SCREENS) as (keyof typeof SCREENS)[]) {
    it(`has no sideways scroll and no serious axe violation on the ${role} screens`, async () => {
      const page = await newPage(e2e.browser, e2e.baseUrl);
      await signIn(page, e2e.baseUrl, TEST_USERS[role].email, TEST_PASSWORD);
      const screens = SCREENS[role](device.id);
      const visits: Visit[] = [...screens.map((screen) => ({ screen, width: 320 as const })), ...screens.map((screen) => ({ screen, width: 640 as const }))];
      // the visits dealt out to tabs of the same session (not newPage: it would sign the first out); each tab
      // starts at 320 px, whose menu, closed, stays closed in the store the tabs share: every screen at
      // 640 px opens with it closed, as when the visits were made one after the other
      expect(screens.length).toBeGreaterThanOrEqual(TABS);
      const tabs = [page, ...(await Promise.all(Array.from({ length: TABS - 1 }, () => e2e.browser.context.newPage())))];
      const dealt = tabs.map((_tab, tab) => visits.filter((_visit, index) => index % TABS === tab));
      const overflowing = (await Promise.all(tabs.map((tab, index) => reflowProblems(tab, dealt[index])))).flat();
      expect(overflowing).toEqual([]);
      await Promise.all(tabs.map((tab) => tab.close()));
    }, 180_000);
  }
});

describe('RGAA 10.11: zooming in after signing in', () => {
  it('closes the side menu when the window narrows to a phone width, so it covers and hides nothing', async () => {
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await page.setViewportSize({ width: 1280, height: 800 });
    await signIn(page, e2e.baseUrl, TEST_USERS.it_staff.email, TEST_PASSWORD);
    await page.locator('#main-content').waitFor();
    // 400 % zoom of a 1280 px window: 320 CSS px, without reloading the page
    await page.setViewportSize({ width: 320, height: 640 });
    // the menu's modal drawer closed (react-admin keeps it mounted, hidden) and the page not hidden behind it
    await expect.poll(() => page.locator('.RaSidebar-modal .MuiDrawer-paper').isVisible(), { timeout: 10_000 }).toBe(false);
    await expect.poll(() => page.locator('#main-content').evaluate((main) => main.closest('[aria-hidden="true"]') === null), { timeout: 10_000 }).toBe(true);
    await expectAccessible(page, 'at 320 px after signing in at 1280 px');
    // the top bar's button still opens it, and Escape closes it
    await page.getByRole('button', { name: /ouvrir le menu/i }).click();
    await expect.poll(() => page.locator('.RaSidebar-modal .MuiDrawer-paper').isVisible(), { timeout: 10_000 }).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.RaSidebar-modal .MuiDrawer-paper').isVisible(), { timeout: 10_000 }).toBe(false);
    await expect.poll(() => page.locator('#main-content').evaluate((main) => main.closest('[aria-hidden="true"]') === null), { timeout: 10_000 }).toBe(true);
    await page.close();
  }, 60_000);
});

describe("The accessibility statement (« Déclaration d'accessibilité »)", () => {
  it('is public, reachable from the sign-in page and from every screen, after the RGAA model', async () => {
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await page.goto(`${e2e.baseUrl}/admin/login`);
    await page.getByRole('link', { name: 'Accessibilité : partiellement conforme' }).click();
    await page.getByRole('heading', { level: 1, name: "Déclaration d'accessibilité" }).waitFor();
    await waitForTitle(page, "Déclaration d'accessibilité — Réemploi");
    const sections = await page.getByRole('heading', { level: 2 }).allTextContents();
    expect(sections).toEqual(['État de conformité', 'Résultats des tests', 'Contenus non accessibles', 'Établissement de cette déclaration', "Retour d'information et contact", 'Voies de recours']);
    expect(await page.locator('main').textContent()).toContain('partiellement conforme');
    expect(await page.getByRole('link', { name: 'Défenseur des droits', exact: true }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 320, height: 800 });
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1366, height: 768 });
    await screenshot(page, 'rgaa-statement');

    await signIn(page, e2e.baseUrl, TEST_USERS.partner.email, TEST_PASSWORD);
    await page.goto(`${e2e.baseUrl}/admin/referrals`);
    await page.getByRole('link', { name: 'Accessibilité : partiellement conforme' }).click();
    await page.getByRole('heading', { level: 1, name: "Déclaration d'accessibilité" }).waitFor();
    await page.close();
  }, 60_000);
});
