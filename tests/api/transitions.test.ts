import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ROLES_ALL, type TestApp } from '../helpers/app.js';
import type { Role } from '../../api/core/permissions.js';
import { DEVICE_STATUSES, TRANSITIONS, findTransition, type DeviceStatus, type Transition, type TransitionWay } from '../../api/devices/lifecycle.js';
import { applyStatusChange, transitionInOneStatement, type TransitionInput } from '../../api/devices/transitions.js';
import { Device } from '../../api/devices/device.entity.js';

/**
 * The lifecycle table walked through the API: every (from, to, role) of `lifecycle.ts` through
 * its own workflow, every role it does not name refused, every pair outside it refused; and the
 * partner desk's one-statement path checked equal to the full path on the same cases.
 */

let t: TestApp;
const SITE = 'Dépôt DSI — Lille';
const PARTNER_ORG = 'Emmaüs Connect';
let serial = 0;
let wipes = 0;

beforeAll(async () => {
  t = await createTestApp();
  const year = new Date().getFullYear();
  const agreement = await t.http.post('/api/agreements').set(await t.auth('admin')).send({
    partner: PARTNER_ORG,
    startsOn: `${year}-01-01`,
    endsOn: `${year}-12-31`,
    devicesCommitted: 100,
    residentsCommitted: 60,
    trainingsCommitted: 30,
    priceCaps: { laptop: 150 },
    reuseCommitmentRef: 'Convention de test, article 4',
  });
  expect(agreement.status, JSON.stringify(agreement.body)).toBe(201);
});
afterAll(() => t.close());

type Response = { status: number; body: { error?: { code: string } } & Record<string, unknown> };

/** A device put directly in `status` (the earlier steps of its chain are not what is tested here). */
async function deviceIn(status: DeviceStatus, options: { batch?: number; withDisk?: boolean; failedWipe?: boolean } = {}) {
  const created = await t.http.post('/api/devices').set(await t.auth('admin')).send({ type: 'laptop', originSite: SITE, serialNumber: `WALK-${++serial}` });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id = created.body.id as number;
  let medium: number | undefined;
  if (options.withDisk) {
    const disk = await t.http.post('/api/media').set(await t.auth('admin')).send({ device: id, kind: 'ssd', serialNumber: `WALK-DISK-${serial}` });
    expect(disk.status, JSON.stringify(disk.body)).toBe(201);
    medium = disk.body.id;
    if (options.failedWipe) expect((await wipe(medium!, 'failure', 'admin')).status).toBe(201);
  }
  const withPartner = ['handed_over', 'refurbished', 'recycled', 'allocated'].includes(status);
  const site = withPartner ? PARTNER_ORG : SITE;
  // the partner sees a device through the batch it was handed over in
  const batchId = options.batch ?? (status === 'in_batch' ? await batch('draft') : withPartner ? await batch('picked_up') : null);
  await t.sql(`update devices set status = $2, site = $3, batch_id = $4 where id = $1`, [id, status, site, batchId]);
  return { id, assetTag: created.body.assetTag as string, medium };
}

const statusOf = async (id: number) => (await t.sql<{ status: DeviceStatus }>(`select status from devices where id = $1`, [id]))[0].status;

function wipe(medium: number, result: 'success' | 'failure', role: Role) {
  return t.auth(role).then((auth) =>
    t.http.post('/api/sanitizations').set(auth).send({
      medium,
      technique: 'overwrite_prng',
      tool: 'nwipe',
      startedAt: '2026-11-20T09:00:00+01:00',
      // each later than the last: the latest record of a medium decides
      finishedAt: new Date(Date.UTC(2026, 10, 20, 9) + ++wipes * 60_000).toISOString(),
      passes: 1,
      verification: 'last_pass',
      result,
      errors: result === 'failure' ? 'Erreurs de lecture' : undefined,
    }),
  );
}

async function batch(status: 'draft' | 'ready' | 'picked_up') {
  const created = await t.http.post('/api/batches').set(await t.auth('admin')).send({ site: SITE, partner: PARTNER_ORG, plannedAt: '2026-12-20' });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  if (status !== 'draft') await t.sql(`update batches set status = $2, ready_at = now() where id = $1`, [created.body.id, status]);
  return created.body.id as number;
}

async function acceptedReferral() {
  const referral = await t.http.post('/api/referrals').set(await t.auth('social_worker')).send({
    beneficiary: { firstName: 'Lina', lastName: `Walk${++serial}`, birthYear: 1980, postcode: '59100', commune: 'Roubaix', eligibility: 'rsa', consent: true },
    need: 'laptop',
    trainingWanted: false,
  });
  expect(referral.status, JSON.stringify(referral.body)).toBe(201);
  expect((await t.http.post(`/api/referrals/${referral.body.id}/accept`).set(await t.auth('partner'))).status).toBe(200);
  return referral.body.id as number;
}

/** Makes `transition` through its own workflow, as `role`; returns the answer and the device. */
async function through(transition: Transition, role: Role): Promise<{ response: Response; id: number }> {
  const auth = await t.auth(role);
  switch (transition.way) {
    case 'sanitization': {
      const device = await deviceIn(transition.from, { withDisk: true, failedWipe: transition.from === 'quarantined' });
      return { response: await wipe(device.medium!, transition.to === 'quarantined' ? 'failure' : 'success', role), id: device.id };
    }
    case 'batch': {
      const batchId = await batch('draft');
      const device = await deviceIn(transition.from, { batch: transition.from === 'in_batch' ? batchId : undefined });
      const response =
        transition.to === 'in_batch'
          ? await t.http.post(`/api/batches/${batchId}/devices`).set(auth).send({ ids: [device.id] })
          : await t.http.delete(`/api/batches/${batchId}/devices/${device.id}`).set(auth);
      return { response, id: device.id };
    }
    case 'pickup': {
      const batchId = await batch('ready');
      const taken = await deviceIn('in_batch', { batch: batchId });
      const left = await deviceIn('in_batch', { batch: batchId });
      const response = await t.http.post(`/api/batches/${batchId}/pickup`).set(auth).send({ scanned: [taken.assetTag], discrepancy: 'Un appareil absent de la palette' });
      return { response, id: transition.to === 'handed_over' ? taken.id : left.id };
    }
    case 'allocation': {
      const device = await deviceIn(transition.from);
      const referral = await acceptedReferral();
      return { response: await t.http.post('/api/allocations').set(auth).send({ device: device.id, referral, price: 60 }), id: device.id };
    }
    case 'generic': {
      const device = await deviceIn(transition.from);
      const response = await t.http.post(`/api/devices/${device.id}/transitions`).set(auth).send({ to: transition.to, reason: 'Motif de test', grade: transition.to === 'refurbished' ? 'A' : undefined });
      return { response, id: device.id };
    }
  }
}

describe('every transition of the lifecycle table, through its workflow', () => {
  const cases = TRANSITIONS.flatMap((transition) => ROLES_ALL.map((role) => ({ transition, role, allowed: transition.roles.includes(role) || role === 'admin' })));

  it.each(cases.map((c) => [`${c.transition.from} → ${c.transition.to} (${c.transition.way}) by ${c.role}: ${c.allowed ? 'done' : 'refused'}`, c] as const))('%s', async (_name, { transition, role, allowed }) => {
    const { response, id } = await through(transition, role);
    if (allowed) {
      expect(response.status, JSON.stringify(response.body)).toBeLessThan(300);
      expect(await statusOf(id)).toBe(transition.to);
      const [event] = await t.sql<{ from_status: string; to_status: string; actor_id: number }>(
        `select from_status, to_status, actor_id from events where device_id = $1 and type = 'transition' order by id desc limit 1`,
        [id],
      );
      expect(event).toEqual({ from_status: transition.from, to_status: transition.to, actor_id: t.users[role].id });
    } else {
      expect(response.status, JSON.stringify(response.body)).toBe(403);
      expect(await statusOf(id)).toBe(transition.from);
    }
  });
});

describe('what the table does not allow', () => {
  const outside = DEVICE_STATUSES.flatMap((from) => DEVICE_STATUSES.filter((to) => to !== from && !findTransition(from, to)).map((to) => [from, to] as const));

  it('refuses every pair outside the table with 409 TRANSITION_NOT_ALLOWED, for every role that may ask', async () => {
    expect(outside.length).toBeGreaterThan(40);
    for (const [from, to] of outside) {
      const device = await deviceIn(from);
      for (const role of ['admin', 'it_staff', 'partner'] as const) {
        if (role === 'partner') await t.sql(`update devices set status = $2 where id = $1`, [device.id, from]);
        const response = await t.http.post(`/api/devices/${device.id}/transitions`).set(await t.auth(role)).send({ to, reason: 'Motif de test' });
        // the partner does not see a device still at the depot: 403 before any rule of the table
        const expected = role === 'partner' && ['registered', 'sanitized', 'quarantined', 'in_batch', 'withdrawn'].includes(from) ? [403, 409] : [409];
        expect(expected, `${from} → ${to} by ${role}: ${response.status} ${JSON.stringify(response.body)}`).toContain(response.status);
        if (response.status === 409) expect(response.body.error.code).toBe('TRANSITION_NOT_ALLOWED');
      }
      expect(await statusOf(device.id)).toBe(from);
    }
  });

  it('refuses a workflow transition asked of the generic endpoint with 409 TRANSITION_NEEDS_FLOW, even to an admin', async () => {
    for (const transition of TRANSITIONS.filter((candidate) => candidate.way !== 'generic')) {
      const device = await deviceIn(transition.from);
      const response = await t.http.post(`/api/devices/${device.id}/transitions`).set(await t.auth('admin')).send({ to: transition.to, reason: 'Motif de test' });
      expect(response.status, `${transition.from} → ${transition.to}`).toBe(409);
      expect(response.body.error).toMatchObject({ code: 'TRANSITION_NEEDS_FLOW', details: { flow: findTransition(transition.from, transition.to)!.way } });
      expect(await statusOf(device.id)).toBe(transition.from);
    }
  });

  it('refuses a generic transition without its required reason with 400, and changes nothing', async () => {
    for (const transition of TRANSITIONS.filter((candidate) => candidate.way === 'generic' && candidate.reasonRequired)) {
      const device = await deviceIn(transition.from);
      const response = await t.http.post(`/api/devices/${device.id}/transitions`).set(await t.auth('admin')).send({ to: transition.to });
      expect(response.status, `${transition.from} → ${transition.to}`).toBe(400);
      expect(response.body.error.details).toEqual([{ path: 'reason', message: 'obligatoire' }]);
      expect(await statusOf(device.id)).toBe(transition.from);
    }
  });
});

describe('the one-statement path of the partner desk equals the full path', () => {
  interface Case {
    to: 'refurbished' | 'recycled';
    role: 'partner' | 'admin';
    input: Omit<TransitionInput, 'to'>;
  }
  const inputs: Omit<TransitionInput, 'to'>[] = [{}, { reason: 'Carte mère HS' }, { grade: 'B' }, { grade: 'C', notes: 'Rayures', reason: 'Vu' }, { notes: 'Batterie neuve' }];
  const cases: Case[] = (['refurbished', 'recycled'] as const).flatMap((to) =>
    (['partner', 'admin'] as const).flatMap((role) => inputs.filter((input) => to !== 'recycled' || input.reason).map((input) => ({ to, role, input }))),
  );

  /** The device row and its last event, without what differs between two devices (ids, tags, times). */
  async function outcome(id: number) {
    const [device] = await t.sql(`select status, site, batch_id, refurbished_grade, missing_since, version from devices where id = $1`, [id]);
    const events = await t.sql(`select type, from_status, to_status, actor_id, site, reason, details from events where device_id = $1 and type = 'transition' order by id`, [id]);
    return { device, events };
  }

  it.each(cases.map((c) => [`${c.role} → ${c.to} ${JSON.stringify(c.input)}`, c] as const))('%s', async (_name, { to, role, input }) => {
    const actor = { id: t.users[role].id, role, organisation: t.users[role].organisation ?? null, territory: null } as never;
    const pickedUp = await batch('picked_up');
    const fast = await deviceIn('handed_over', { batch: pickedUp });
    const full = await deviceIn('handed_over', { batch: pickedUp });
    const changed = await transitionInOneStatement(t.orm.em.fork(), fast.id, { from: 'handed_over', version: 1 }, { to, ...input }, actor);
    expect(changed?.status).toBe(to);
    const em = t.orm.em.fork();
    await em.transactional(async (tx) => {
      const device = await tx.findOneOrFail(Device, { id: full.id });
      applyStatusChange(tx, device, { to, way: 'generic' as TransitionWay, reason: input.reason ?? null, details: input.grade || input.notes ? { grade: input.grade, notes: input.notes } : null, grade: input.grade }, actor);
    });
    expect(await outcome(fast.id)).toEqual(await outcome(full.id));
  });

  it('changes nothing when the guard does not hold (another status or another version)', async () => {
    const actor = { id: t.users.partner.id, role: 'partner', organisation: PARTNER_ORG, territory: null } as never;
    const device = await deviceIn('refurbished');
    expect(await transitionInOneStatement(t.orm.em.fork(), device.id, { from: 'handed_over' }, { to: 'recycled', reason: 'x' }, actor)).toBeUndefined();
    await t.sql(`update devices set status = 'handed_over' where id = $1`, [device.id]);
    expect(await transitionInOneStatement(t.orm.em.fork(), device.id, { from: 'handed_over', version: 99 }, { to: 'recycled', reason: 'x' }, actor)).toBeUndefined();
    expect(await statusOf(device.id)).toBe('handed_over');
  });

  it("changes nothing for a partner of another organisation (the device is not in a batch addressed to it)", async () => {
    const other = { id: t.users.partner.id, role: 'partner', organisation: 'Ateliers du Bocage', territory: null } as never;
    const device = await deviceIn('handed_over');
    expect(await transitionInOneStatement(t.orm.em.fork(), device.id, { from: 'handed_over' }, { to: 'recycled', reason: 'x' }, other)).toBeUndefined();
    expect(await statusOf(device.id)).toBe('handed_over');
  });
});
