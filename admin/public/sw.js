/*
 * Réemploi's service worker: the app shell (the page, its scripts and styles) kept on the phone so
 * the scan screens open without network; the scans themselves wait in IndexedDB (the page's
 * offline queue), never here. Hand-written: a few rules, no dependency.
 *  - pages under /admin/: network first, the cached shell when offline;
 *  - /admin/assets/ (file names carry a content hash): cache first, stored as they are fetched;
 *  - GET /api/audits/<id> (a stock-take's lists of devices, no personal data): network first, the
 *    last answer when offline, so a stock-take reopened without network still shows its counts;
 *  - GET /api/batches/<id> and /api/batches/<id>/devices (a batch and its expected devices: tags,
 *    types, models, no personal data while it waits for pickup): the same, so the pickup screen
 *    opened once online checks scans against the batch's frozen list without network.
 */
const SHELL = 'reemploi-shell-v1';
const SHELL_URL = '/admin/';

async function cacheShell() {
  const cache = await caches.open(SHELL);
  const response = await fetch(SHELL_URL, { cache: 'no-store' });
  if (!response.ok) return;
  const html = await response.clone().text();
  await cache.put(SHELL_URL, response);
  const assets = [...new Set(html.match(/\/admin\/assets\/[^"'\s>]+/g) ?? [])];
  await cache.addAll([...assets, '/admin/manifest.webmanifest', '/admin/icon.svg', '/admin/icon-192.png', '/admin/icon-512.png']);
}

self.addEventListener('install', (event) => {
  event.waitUntil(cacheShell().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name !== SHELL).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

async function networkFirst(request, cacheKey) {
  const cache = await caches.open(SHELL);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(cacheKey, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(cacheKey);
    if (cached) return cached;
    throw error;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(SHELL);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate' && url.pathname.startsWith('/admin')) event.respondWith(networkFirst(request, SHELL_URL));
  else if (url.pathname.startsWith('/admin/assets/')) event.respondWith(cacheFirst(request));
  else if (/^\/api\/audits\/\d+$/.test(url.pathname)) event.respondWith(networkFirst(request, url.pathname));
  else if (/^\/api\/batches\/\d+(\/devices)?$/.test(url.pathname)) event.respondWith(networkFirst(request, url.pathname));
});
