import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, otherPartnerAuth, TEST_PASSWORD, TEST_USERS, type TestApp } from '../helpers/app.js';
import { documentedRoutes } from '../../api/core/routes.js';
import type { Role } from '../../api/core/permissions.js';

/**
 * Who may call what: every route of the API × every role, written out here independently of the
 * permission table the code uses. Each route is probed with an id that does not exist and an empty
 * body, so an allowed role gets past the gate (400/404/409/422…) and a refused one gets 403.
 * A route missing from this table fails the test: new routes must say who may use them.
 */
const ALL: Role[] = ['admin', 'it_staff', 'partner', 'social_worker', 'viewer'];
const DEPOT: Role[] = ['admin', 'it_staff'];
const ADMIN: Role[] = ['admin'];

const MATRIX: Record<string, Role[] | 'public'> = {
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': ALL,
  'GET /api/auth/oidc/providers': 'public',
  'POST /api/auth/oidc/{provider}/start': 'public',
  'POST /api/auth/oidc/callback': 'public',
  'GET /api/certificates/{number}': 'public',
  'GET /api/transparency/checkpoint': 'public',
  'GET /api/transparency/checkpoints': 'public',
  'GET /api/transparency/key': 'public',
  'GET /api/transparency/proof/inclusion': 'public',
  'GET /api/transparency/proof/consistency': 'public',
  'GET /api/transparency/leaves': 'public',
  'GET /api/transparency/unlogged': 'public',
  'GET /api/transparency/documents/{hash}': 'public',
  'GET /api/me': ALL,
  'POST /api/me/password': ALL,
  'PUT /api/me/preferences': ALL,
  'GET /api/notifications': ALL,
  'GET /api/notifications/unread-count': ALL,
  'POST /api/notifications/read-all': ALL,
  'POST /api/notifications/{id}/read': ALL,

  'GET /api/users': ADMIN,
  'GET /api/users/{id}': ADMIN,
  'POST /api/users': ADMIN,
  'PUT /api/users/{id}': ADMIN,
  'DELETE /api/users/{id}': ADMIN,
  'GET /api/oidc-mappings': ADMIN,
  'GET /api/oidc-mappings/{id}': ADMIN,
  'POST /api/oidc-mappings': ADMIN,
  'PUT /api/oidc-mappings/{id}': ADMIN,
  'DELETE /api/oidc-mappings/{id}': ADMIN,
  'GET /api/access-requests': ADMIN,
  'GET /api/access-requests/{id}': ADMIN,
  'POST /api/access-requests/{id}/approve': ADMIN,
  'POST /api/access-requests/{id}/refuse': ADMIN,
  'GET /api/stations': ADMIN,
  'POST /api/stations': ADMIN,
  'POST /api/stations/{id}/revoke': ADMIN,

  'GET /api/dashboard': ['admin', 'it_staff', 'partner', 'viewer'],
  'GET /api/devices': ['admin', 'it_staff', 'partner'],
  'GET /api/devices/{id}': ['admin', 'it_staff', 'partner'],
  'POST /api/devices': DEPOT,
  'PUT /api/devices/{id}': DEPOT,
  'DELETE /api/devices/{id}': DEPOT,
  'POST /api/devices/{id}/transitions': ['admin', 'it_staff', 'partner'],
  'POST /api/devices/outcomes': ['admin', 'it_staff', 'partner'],
  'POST /api/devices/{id}/move': DEPOT,
  'GET /api/sites': DEPOT,
  'GET /api/events': ['admin', 'it_staff', 'partner'],
  'GET /api/events/{id}': ['admin', 'it_staff', 'partner'],
  // social workers may scan vouchers, not device labels (the probe is a device code)
  'GET /api/scan/{code}': ['admin', 'it_staff', 'partner'],
  'GET /api/devices/{id}/label.svg': DEPOT,
  'GET /api/devices/{id}/label.png': DEPOT,
  'GET /api/labels.pdf': DEPOT,
  'GET /api/labels.zpl': DEPOT,
  'GET /api/label-profiles': DEPOT,
  'POST /api/devices/import': DEPOT,
  'GET /api/chassis-mappings': DEPOT,
  'POST /api/chassis-mappings': ADMIN,

  'GET /api/media': DEPOT,
  'GET /api/media/{id}': DEPOT,
  'POST /api/media': DEPOT,
  'PUT /api/media/{id}': DEPOT,
  'DELETE /api/media/{id}': DEPOT,
  'GET /api/sanitizations': DEPOT,
  'GET /api/sanitizations/{id}': DEPOT,
  'POST /api/sanitizations': DEPOT,
  'POST /api/sanitizations/import': DEPOT,
  'POST /api/inventory': DEPOT,
  'GET /api/devices/{id}/inventory': ['admin', 'it_staff', 'partner'],
  'POST /api/devices/{id}/no-storage': DEPOT,
  'GET /api/devices/{id}/certificate.pdf': ['admin', 'it_staff', 'partner'],
  'GET /api/devices/{id}/custody-proof': ['admin', 'it_staff', 'partner'],

  'GET /api/batches': ['admin', 'it_staff', 'partner'],
  'GET /api/batches/{id}': ['admin', 'it_staff', 'partner'],
  'POST /api/batches': DEPOT,
  'PUT /api/batches/{id}': DEPOT,
  'DELETE /api/batches/{id}': DEPOT,
  'POST /api/batches/{id}/devices': DEPOT,
  'DELETE /api/batches/{id}/devices/{deviceId}': DEPOT,
  'POST /api/batches/{id}/ready': DEPOT,
  'POST /api/batches/{id}/close': DEPOT,
  'POST /api/batches/{id}/pickup': ['admin', 'partner'],
  'GET /api/batches/{id}/devices': ['admin', 'it_staff', 'partner'],
  'GET /api/batches/{id}/manifest.pdf': ['admin', 'it_staff', 'partner'],
  'GET /api/batches/{id}/manifest.xlsx': ['admin', 'it_staff', 'partner'],
  'GET /api/batches/{id}/certificates.pdf': ['admin', 'it_staff', 'partner'],

  'GET /api/audits': DEPOT,
  'GET /api/audits/{id}': DEPOT,
  'POST /api/audits': DEPOT,
  'POST /api/audits/{id}/scans': DEPOT,
  'POST /api/audits/{id}/pause': DEPOT,
  'POST /api/audits/{id}/resume': DEPOT,
  'POST /api/audits/{id}/close': DEPOT,
  'POST /api/audits/{id}/relocate': DEPOT,
  'GET /api/audits/{id}/report.pdf': DEPOT,
  'GET /api/audits/{id}/report.xlsx': DEPOT,

  'GET /api/beneficiaries': ['admin', 'social_worker'],
  'GET /api/beneficiaries/{id}': ['admin', 'social_worker'],
  'POST /api/beneficiaries': ['admin', 'social_worker'],
  'PUT /api/beneficiaries/{id}': ['admin', 'social_worker'],
  'DELETE /api/beneficiaries/{id}': ['admin', 'social_worker'],
  'GET /api/beneficiaries/{id}/export.json': ADMIN,
  'GET /api/beneficiaries/{id}/export.pdf': ADMIN,
  'POST /api/beneficiaries/{id}/erase': ADMIN,
  'GET /api/referrals': ['admin', 'social_worker', 'partner'],
  'GET /api/referrals/counts': ['admin', 'social_worker', 'partner'],
  'GET /api/referrals/{id}': ['admin', 'social_worker', 'partner'],
  'POST /api/referrals': ['admin', 'social_worker'],
  'POST /api/referrals/{id}/accept': ['admin', 'partner'],
  'POST /api/referrals/{id}/refuse': ['admin', 'partner'],
  'POST /api/referrals/{id}/cancel': ['admin', 'social_worker'],
  'GET /api/referrals/{id}/voucher.pdf': ['admin', 'social_worker'],
  'GET /api/allocations': ['admin', 'partner'],
  'POST /api/allocations': ['admin', 'partner'],
  'GET /api/allocations/price-caps': ['admin', 'partner'],
  'GET /api/allocations/{id}/receipt.pdf': ['admin', 'partner'],
  'POST /api/jobs/{name}/run': ADMIN,
  'GET /api/admin-log': ADMIN,

  'GET /api/agreements': ['admin', 'viewer'],
  'GET /api/agreements/{id}': ['admin', 'viewer'],
  'POST /api/agreements': ADMIN,
  'PUT /api/agreements/{id}': ADMIN,
  'GET /api/factors': ['admin', 'viewer'],
  'GET /api/factors/{id}': ['admin', 'viewer'],
  'GET /api/factors/sources': ['admin', 'viewer'],
  'PUT /api/factors/{id}': ADMIN,
  'GET /api/price-grids': ['admin', 'it_staff', 'partner', 'viewer'],
  'GET /api/price-grids/{id}': ['admin', 'it_staff', 'partner', 'viewer'],
  'POST /api/price-grids': ADMIN,
  'GET /api/legal-price-caps': ['admin', 'it_staff', 'partner', 'viewer'],
  'GET /api/reports/summary': ['admin', 'viewer'],
  'GET /api/reports/partnership.xlsx': ['admin', 'viewer'],
  'GET /api/reports/territories': ['admin', 'viewer'],
  'GET /api/reports': ['admin', 'viewer'],
  'GET /api/reports/{id}': ['admin', 'viewer'],
  'GET /api/reports/{id}/file.xlsx': ['admin', 'viewer'],
  'POST /api/reports': ADMIN,
};

const PROBE_VALUES: Record<string, string> = { id: '999999', deviceId: '999998', number: 'CS-2000-000000-AAAA', code: 'CD59-999990-2', name: 'no-such-job' };

function probePath(template: string): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => PROBE_VALUES[name] ?? '1');
}

// a route that ends the session it is called with is probed with a fresh session, not the one the other rows share
const ENDS_THE_SESSION = new Set(['POST /api/auth/logout']);

async function ownSession(role: Role): Promise<Record<string, string>> {
  const login = await t.http.post('/api/auth/login').send({ email: TEST_USERS[role].email, password: TEST_PASSWORD });
  return { Authorization: `Bearer ${login.body.token}` };
}

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  for (const role of ALL) await t.token(role);
});
afterAll(() => t.close());
let probes = 0;
afterAll(() => console.info(`[role-matrix] routes: ${Object.keys(MATRIX).length}; requests checked (no token + each of ${ALL.length} roles): ${probes}`));

const routeNames = () => documentedRoutes().map((route) => `${route.method.toUpperCase()} ${route.path}`);

describe('the role matrix', () => {
  it('has a row for every route of the API, and no row for a route that does not exist', () => {
    const routes = routeNames().sort();
    expect(routes.filter((route) => !(route in MATRIX)), 'routes without a row').toEqual([]);
    expect(Object.keys(MATRIX).filter((route) => !routes.includes(route)), 'rows without a route').toEqual([]);
  });

  const rows = Object.entries(MATRIX);
  it.each(rows)('%s', async (route, allowed) => {
    const [method, template] = route.split(' ');
    const path = probePath(template);
    const call = (headers: Record<string, string> = {}) => {
      probes++;
      return (t.http as unknown as Record<string, (url: string) => import('supertest').Test>)[method.toLowerCase()](path).set(headers).send({});
    };
    const anonymous = await call();
    if (allowed === 'public') {
      expect(anonymous.status, `${route} anonymous`).not.toBe(401);
      expect(anonymous.status, `${route} anonymous`).toBeLessThan(500);
      return;
    }
    expect(anonymous.status, `${route} without a token`).toBe(401);
    for (const role of ALL) {
      const response = await call(ENDS_THE_SESSION.has(route) ? await ownSession(role) : await t.auth(role));
      expect(response.status, `${route} as ${role}: ${JSON.stringify(response.body)}`).toBeLessThan(500);
      if (allowed.includes(role)) expect([401, 403], `${route} as ${role} should pass the gate`).not.toContain(response.status);
      else {
        expect(response.status, `${route} as ${role} should be refused`).toBe(403);
        expect(response.body.error.code).toBe('FORBIDDEN');
      }
    }
  });
});

describe('the role matrix, for a partner of a second organisation', () => {
  // the same gate as Emmaüs Connect's partner: which rows it then sees is tests/api/partner-isolation.test.ts
  it('passes and is refused exactly where the partner is', async () => {
    const shared = await otherPartnerAuth(t);
    for (const [route, allowed] of Object.entries(MATRIX)) {
      if (allowed === 'public') continue;
      const [method, template] = route.split(' ');
      const session = ENDS_THE_SESSION.has(route) ? await otherPartnerAuth(t) : shared;
      probes++;
      const response = await (t.http as unknown as Record<string, (url: string) => import('supertest').Test>)[method.toLowerCase()](probePath(template)).set(session).send({});
      expect(response.status, `${route} as the other partner`).toBeLessThan(500);
      if (allowed.includes('partner')) expect([401, 403], `${route} as the other partner should pass the gate`).not.toContain(response.status);
      else expect(response.status, `${route} as the other partner should be refused`).toBe(403);
    }
  });
});
