import type { EntityManager } from '@mikro-orm/postgresql';
import { Seeder } from '@mikro-orm/seeder';
import { User } from '../api/users/user.entity.js';
import { Device } from '../api/devices/device.entity.js';
import { DeviceEvent, type EventType } from '../api/devices/event.entity.js';
import { formatAssetTag } from '../api/devices/asset-tag.js';
import { hashPassword } from '../api/users/password.js';
import type { DeviceStatus } from '../api/devices/lifecycle.js';
import type { Role } from '../api/core/permissions.js';
import { Medium } from '../api/sanitization/medium.entity.js';
import { Sanitization } from '../api/sanitization/sanitization.entity.js';
import { Certificate } from '../api/sanitization/certificate.entity.js';
import { methodSummary } from '../api/sanitization/sanitization.service.js';
import { Batch } from '../api/batches/batch.entity.js';
import { Agreement } from '../api/agreements/agreement.entity.js';
import { Beneficiary, ELIGIBILITY_BASES } from '../api/referrals/beneficiary.entity.js';
import { Referral, type ReferralStatus } from '../api/referrals/referral.entity.js';
import { Allocation } from '../api/referrals/allocation.entity.js';
import { newVoucherCode } from '../api/referrals/voucher-code.js';
import { fillDemoFactorValues, seedFactors } from './factors.js';
import { Random } from './random.js';
import {
  DEPOTS,
  drawDiskSerialNumber,
  drawSerialNumber,
  FIRST_NAMES,
  LAST_NAMES,
  modelNamed,
  PARTNER,
  PARTNER_PRICE_CAPS,
  RECYCLING_REASONS,
  storageSummary,
  TERRITORY_COMMUNES,
  WIPE_ERRORS,
  WIPE_METHODS,
  WITHDRAWAL_REASONS,
  type DeviceModel,
  type ModelName,
  type TerritoryName,
} from './catalogue.js';

export const DEMO_PASSWORD = 'demo-reemploi';

/**
 * The Département's social territories in the demo, with the share of the referrals each writes
 * (uneven, as in life: the metropolis refers more than the Cambrésis) and the communes its
 * residents live in (seeds/catalogue.ts).
 */
const DEMO_TERRITORY_SHARES: [TerritoryName, number][] = [
  ['UTPAS Roubaix', 30],
  ['UTPAS Lille', 25],
  ['UTPAS Valenciennes', 18],
  ['UTPAS Dunkerque', 15],
  ['UTPAS Cambrai', 7],
];
export const DEMO_TERRITORIES = DEMO_TERRITORY_SHARES.map(([name, weight]) => ({ name, weight, communes: TERRITORY_COMMUNES[name] }));

/**
 * One account per role (the first of each role is the one the README names), and one social
 * worker per demo territory: a social worker sees only their own territory's residents.
 */
export const DEMO_ACCOUNTS: { email: string; name: string; role: Role; territory?: string; organisation?: string }[] = [
  { email: 'admin@demo.reemploi.fr', name: 'Camille Administratrice', role: 'admin' },
  { email: 'technicien@demo.reemploi.fr', name: 'Karim Technicien', role: 'it_staff' },
  { email: 'emmaus@demo.reemploi.fr', name: 'Julie (Emmaüs Connect)', role: 'partner', organisation: PARTNER },
  { email: 'social@demo.reemploi.fr', name: 'Sophie Travailleuse sociale', role: 'social_worker', territory: 'UTPAS Roubaix' },
  { email: 'pilotage@demo.reemploi.fr', name: 'Comité de pilotage', role: 'viewer' },
  { email: 'social.lille@demo.reemploi.fr', name: 'Thomas Travailleur social', role: 'social_worker', territory: 'UTPAS Lille' },
  { email: 'social.valenciennes@demo.reemploi.fr', name: 'Nadège Travailleuse sociale', role: 'social_worker', territory: 'UTPAS Valenciennes' },
  { email: 'social.dunkerque@demo.reemploi.fr', name: 'Yann Travailleur social', role: 'social_worker', territory: 'UTPAS Dunkerque' },
  { email: 'social.cambrai@demo.reemploi.fr', name: 'Élodie Travailleuse sociale', role: 'social_worker', territory: 'UTPAS Cambrai' },
];

/** The demo's Département runs three depots. */
const DEMO_DEPOTS = DEPOTS.slice(0, 3);

/** The models of the demo's fleet, from the catalogue. */
const DEMO_MODELS = (
  [
    'Latitude 5490',
    'Latitude 7400',
    'ThinkPad T480',
    'ProBook 640 G4',
    'EliteBook 840 G5',
    'OptiPlex 7050',
    'ProDesk 600 G3 SFF',
    'ThinkCentre M710s',
    'P2419H',
    'EliteDisplay E243',
    'Galaxy Tab A 10.1',
    'Galaxy A52',
    'LaserJet Pro M404dn',
  ] satisfies ModelName[]
).map(modelNamed);

/** How many demo devices end in each state (~300 in all). */
const STATUS_COUNTS: [DeviceStatus, number][] = [
  ['registered', 60],
  ['quarantined', 10],
  ['sanitized', 45],
  ['in_batch', 30],
  ['handed_over', 35],
  ['refurbished', 40],
  ['recycled', 15],
  ['allocated', 55],
  ['withdrawn', 10],
];

/** The path each final state was reached by, in order. */
const PATHS: Record<DeviceStatus, DeviceStatus[]> = {
  registered: [],
  quarantined: ['quarantined'],
  sanitized: ['sanitized'],
  in_batch: ['sanitized', 'in_batch'],
  handed_over: ['sanitized', 'in_batch', 'handed_over'],
  refurbished: ['sanitized', 'in_batch', 'handed_over', 'refurbished'],
  recycled: ['sanitized', 'in_batch', 'handed_over', 'recycled'],
  allocated: ['sanitized', 'in_batch', 'handed_over', 'refurbished', 'allocated'],
  withdrawn: ['withdrawn'],
};

/**
 * The seed of the demo's draws: the demo is the same on every machine. Every step draws from the
 * one generator in the order run() calls it; changing that order changes the demo.
 */
const DEMO_SEED = 20210215;
const DAY = 24 * 3600 * 1000;

const REASONS: Partial<Record<DeviceStatus, string[]>> = {
  quarantined: ["Échec de l'effacement : secteurs illisibles", "Échec de l'effacement : disque non détecté"],
  recycled: RECYCLING_REASONS,
  withdrawn: WITHDRAWAL_REASONS,
};

/** What every step of the demo works with: the unit of work, the draws, who acts, and the demo's "now". */
interface Demo {
  em: EntityManager;
  random: Random;
  /** The first account of each role acts for it. */
  users: Record<Role, User>;
  /** Social workers act for their own territory. */
  socialWorkers: Map<string, User>;
  now: number;
}

type DemoBatches = ReturnType<typeof demoBatches>;

export class DemoSeeder extends Seeder {
  async run(em: EntityManager): Promise<void> {
    const { users, socialWorkers } = await demoAccounts(em);
    const demo: Demo = { em, random: new Random(DEMO_SEED), users, socialWorkers, now: Date.now() };
    const batches = demoBatches(demo);
    let sequence = 0;
    for (const [finalStatus, count] of STATUS_COUNTS) {
      for (let n = 0; n < count; n++) demoDevice(demo, ++sequence, finalStatus, batches);
    }
    await em.flush();
    await em.execute(`select setval('asset_tag_seq', ?)`, [sequence]);
    await fixCertificates(em);
    await demoReferrals(demo);
    // reference data (ADEME factors), not demo data: the same values as in production
    await seedFactors(em);
    // the figures no published source gives, marked « Valeur de démonstration » (demo only)
    await fillDemoFactorValues(em);
  }
}

/** The demo accounts (DEMO_ACCOUNTS), all with the demo password. */
async function demoAccounts(em: EntityManager): Promise<Pick<Demo, 'users' | 'socialWorkers'>> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const accounts = DEMO_ACCOUNTS.map((account) =>
    em.create(User, { ...account, territory: account.territory ?? null, organisation: account.organisation ?? null, passwordHash, active: true, tokenVersion: 0 }),
  );
  const users = {} as Record<Role, User>;
  for (const user of accounts) users[user.role] ??= user;
  const socialWorkers = new Map(accounts.filter((user) => user.role === 'social_worker').map((user) => [user.territory!, user]));
  await em.flush();
  return { users, socialWorkers };
}

/** How a demo device's history goes: its model, batch and depot, the statuses it passes through, and its dates. */
interface DevicePlan {
  finalStatus: DeviceStatus;
  template: DeviceModel;
  batch: Batch | null;
  depot: string;
  path: DeviceStatus[];
  registeredAt: Date;
  /** When it was put in its batch, for a batched device. */
  inBatchAt: Date | null;
}

/** One demo device ending in `finalStatus`, with its disk and its whole backdated history. */
function demoDevice(demo: Demo, sequence: number, finalStatus: DeviceStatus, batches: DemoBatches): void {
  const plan = planDevice(demo, finalStatus, batches);
  const device = createDevice(demo, sequence, plan);
  const medium = createMedium(demo, device, plan);
  const events = deviceHistory(demo, device, medium, plan);
  writeHistory(demo, device, plan, events);
}

function planDevice(demo: Demo, finalStatus: DeviceStatus, batches: DemoBatches): DevicePlan {
  const { random, now } = demo;
  let template = random.pick(DEMO_MODELS);
  // only a device with a disk can fail its wipe
  if (finalStatus === 'quarantined' && !template.storage) template = DEMO_MODELS[0];
  const batch = PATHS[finalStatus].includes('in_batch') ? demoBatchFor(random, finalStatus, batches) : null;
  // a batch leaves from one depot: its devices were registered there
  const depot = batch?.site ?? random.pick(DEMO_DEPOTS);
  const path = [...PATHS[finalStatus]];
  if (path[0] === 'sanitized' && template.storage && random.next() < 0.1) path.unshift('quarantined');

  // the depot's backlog is recent; the rest came in over the last eighteen months, so the
  // Département holds a stock on 1 January and devices reach residents all year round; a
  // batched device was registered some weeks before it was put in its batch
  const ageDays = finalStatus === 'registered' ? 3 + Math.floor(random.next() * 60) : 30 + Math.floor(random.next() * 510);
  // put in its batch during the week before the batch was ready (or before today for one being built)
  const inBatchAt = batch ? new Date((batch.readyAt?.getTime() ?? now) - (1 + random.next() * 6) * DAY) : null;
  // a device then waits weeks to months on the depot's shelf before a batch takes it
  const shelfDays = 20 + random.next() * 200;
  const registeredAt = inBatchAt
    ? new Date(inBatchAt.getTime() - (shelfDays + (path.length + 1) * stepDays(random)) * DAY)
    : new Date(now - ageDays * DAY);
  return { finalStatus, template, batch, depot, path, registeredAt, inBatchAt };
}

function createDevice(demo: Demo, sequence: number, { template, depot, registeredAt }: DevicePlan): Device {
  const { random } = demo;
  return demo.em.create(Device, {
    assetTag: formatAssetTag({ prefix: 'CD59', digits: 6 }, sequence),
    inventoryNumber: `CD59-INV-${String(2015000 + Math.floor(random.next() * 9000)).padStart(7, '0')}`,
    serialNumber: drawSerialNumber(template, random),
    type: template.type,
    brand: template.brand,
    model: template.model,
    cpu: template.cpu ?? null,
    ramGb: template.ramGb ?? null,
    storageSummary: template.storage ? storageSummary(template.storage) : null,
    year: 2016 + Math.floor(random.next() * 5),
    conditionGrade: random.pick(['A', 'B', 'B', 'C'] as const),
    originSite: depot,
    site: depot,
    status: 'registered',
    createdAt: registeredAt,
    updatedAt: registeredAt,
    labelPrintedAt: null,
  });
}

/** A disk is recorded at the wiping station: a device that has not been there has none yet. */
function createMedium(demo: Demo, device: Device, { template, path }: DevicePlan): Medium | null {
  const disk = template.storage;
  const wiped = path.includes('sanitized') || path.includes('quarantined');
  if (!disk || !wiped) return null;
  const serialNumber = drawDiskSerialNumber(disk, demo.random);
  return demo.em.create(Medium, { device, kind: disk.kind, serialNumber, model: disk.model, capacityGb: disk.capacityGb, createdBy: demo.users.it_staff });
}

/** An event of a demo history before it is dated; `happen` writes what the event stands for once its time is known. */
type DemoEvent = {
  type: EventType;
  from?: DeviceStatus;
  to?: DeviceStatus;
  actor: User;
  reason?: string;
  site: string;
  details?: Record<string, unknown>;
  happen?: (at: Date) => void;
};

/** The events of a device's history in order, from its registration to its final status (which the device then has). */
function deviceHistory(demo: Demo, device: Device, medium: Medium | null, { finalStatus, batch, depot, path }: DevicePlan): DemoEvent[] {
  const { random, users } = demo;
  const events: DemoEvent[] = [{ type: random.next() < 0.6 ? 'imported' : 'registered', to: 'registered', actor: users.it_staff, site: depot }];
  if (finalStatus !== 'registered' || random.next() < 0.5) events.push({ type: 'label_printed', actor: users.it_staff, site: depot });
  let status: DeviceStatus = 'registered';
  let site = depot;
  for (const next of path) {
    if (next === 'quarantined' || (next === 'sanitized' && status !== 'in_batch')) {
      events.push(...wipingEvents(demo, device, medium, next === 'sanitized', depot, status === 'registered'));
    }
    const byPartner = ['handed_over', 'refurbished', 'recycled', 'allocated'].includes(next);
    if (next === 'handed_over') site = PARTNER;
    if (next === 'in_batch') device.batch = batch;
    // the partner grades what it refurbishes, as the refurbishment screen requires
    if (next === 'refurbished') device.refurbishedGrade = random.pick(['A', 'B', 'B', 'C'] as const);
    events.push({
      type: 'transition',
      from: status,
      to: next,
      actor: next === 'withdrawn' ? users.admin : byPartner ? users.partner : users.it_staff,
      reason: REASONS[next] ? random.pick(REASONS[next]!) : undefined,
      details: ['in_batch', 'handed_over'].includes(next) ? { batch: batch!.reference } : next === 'refurbished' ? { grade: device.refurbishedGrade } : undefined,
      site,
    });
    status = next;
  }
  device.status = status;
  device.site = site;
  return events;
}

/** Dates a device's history and writes its events (backdated, as no workflow could). */
function writeHistory(demo: Demo, device: Device, { batch, inBatchAt, registeredAt }: DevicePlan, events: DemoEvent[]): void {
  // a batch fixes two moments: put in the batch before it was ready, handed over at its pickup
  const fixed = new Map<number, Date>();
  if (batch && inBatchAt) {
    fixed.set(events.findIndex((event) => event.to === 'in_batch'), inBatchAt);
    const handover = events.findIndex((event) => event.to === 'handed_over');
    if (handover >= 0) fixed.set(handover, batch.pickedUpAt!);
  }
  const times = historyTimes(demo, events.length, registeredAt, fixed);
  events.forEach((event, index) => {
    const at = times[index];
    if (event.type === 'label_printed') device.labelPrintedAt = at;
    event.happen?.(at);
    demo.em.create(DeviceEvent, {
      device,
      type: event.type,
      fromStatus: event.from ?? null,
      toStatus: event.to ?? null,
      actor: event.actor,
      at,
      site: event.site,
      reason: event.reason ?? null,
      details: event.details ?? null,
    });
    device.updatedAt = at;
  });
}

/** The wiping-station part of a demo history: medium added (first time), wipe recorded, certificate when it succeeds. */
function wipingEvents(demo: Demo, device: Device, medium: Medium | null, success: boolean, site: string, firstTime: boolean): DemoEvent[] {
  const { em } = demo;
  const technician = demo.users.it_staff;
  const certify = (at: Date) => {
    // placeholder number: real numbers are given after the flush, when ids exist (see fixCertificates)
    em.create(Certificate, { number: `DEMO-${device.assetTag}`, device, issuedAt: at, issuedBy: technician, sanitizationIds: [], methodSummary: '' });
  };
  if (!medium) return [{ type: 'no_storage', actor: technician, site, happen: (at: Date) => ((device.noStorage = true), certify(at)) }];
  const wipe = WIPE_METHODS[medium.kind];
  const events: DemoEvent[] = [];
  if (firstTime) {
    // the medium's own date is the moment it was added in the history, not the seed's run
    events.push({ type: 'medium_added', actor: technician, site, details: { serialNumber: medium.serialNumber, kind: medium.kind, model: medium.model }, happen: (at) => (medium.createdAt = at) });
  }
  const errors = success ? null : demo.random.pick(WIPE_ERRORS);
  events.push({
    type: 'sanitization',
    actor: technician,
    site,
    reason: errors ?? undefined,
    details: { medium: medium.serialNumber, technique: wipe.technique, category: wipe.category, result: success ? 'success' : 'failure', tool: wipe.tool },
    happen: (at) => {
      em.create(Sanitization, {
        medium,
        device,
        category: wipe.category,
        technique: wipe.technique,
        tool: wipe.tool,
        toolVersion: wipe.version,
        startedAt: new Date(at.getTime() - 95 * 60_000),
        finishedAt: at,
        passes: wipe.passes,
        verification: wipe.verification,
        result: success ? 'success' : 'failure',
        errors,
        operator: technician,
        source: wipe.source,
        sourceKey: null,
        hostSerial: null,
      });
      if (success) certify(at);
    },
  });
  return events;
}
/** Gives the demo certificates real numbers, their records and method, as the wiping station would. */
async function fixCertificates(em: EntityManager): Promise<void> {
  await em.execute(`update certificates c set sanitization_ids = coalesce(
      (select jsonb_agg(s.id order by s.id) from sanitizations s where s.device_id = c.device_id and s.result = 'success'), '[]'::jsonb)`);
  await em.execute(`update certificates set number = format('CS-%s-%s-%s', extract(year from issued_at)::int, lpad(id::text, 6, '0'),
      translate(upper(substr(md5(id::text || 'reemploi-demo'), 1, 4)), '01', 'KM'))`);
  const certificates = await em.find(Certificate, {}, { refresh: true });
  for (const certificate of certificates) {
    const records = await em.find(Sanitization, { id: { $in: certificate.sanitizationIds } });
    certificate.methodSummary = methodSummary(records);
  }
  await em.flush();
  await em.execute(`update devices d set certificate_number = c.number from certificates c where c.device_id = d.id`);
  await em.execute(`select setval('certificate_seq', greatest(1, (select max(id) from certificates)))`);
}

/** Days a step of a demo history takes: a few days to a couple of weeks. */
const stepDays = (random: Random) => 3 + random.next() * 9;

/**
 * The pickups of the last eighteen months (about one every four weeks, the depots in turn), one
 * batch ready for pickup and one being built. Each handed-over demo device belongs to one of the
 * pickups and was handed over at its very moment, as a real pickup records it.
 */
function demoBatches({ em, random, users, now }: Demo) {
  const numbers = new Map<number, number>();
  const batch = (site: string, status: Batch['status'], readyAt: Date | null, pickedUpAt: Date | null, plannedAt: Date) => {
    const year = (readyAt ?? plannedAt).getFullYear();
    numbers.set(year, (numbers.get(year) ?? 0) + 1);
    return em.create(Batch, {
      reference: `LOT-${year}-${String(numbers.get(year)).padStart(4, '0')}`,
      site,
      partner: PARTNER,
      plannedAt: plannedAt.toISOString().slice(0, 10),
      status,
      createdBy: users.it_staff,
      readyAt,
      readyBy: readyAt ? users.it_staff : null,
      pickedUpAt,
      pickedUpBy: pickedUpAt ? users.partner : null,
      closedAt: status === 'closed' && pickedUpAt ? new Date(pickedUpAt.getTime() + 3 * DAY) : null,
      createdAt: new Date((readyAt ?? new Date(now)).getTime() - 14 * DAY),
    });
  };
  const pickedUp: Batch[] = [];
  for (let daysAgo = 500, turn = 0; daysAgo >= 20; daysAgo -= 24 + Math.floor(random.next() * 10), turn++) {
    const pickup = new Date(now - daysAgo * DAY);
    pickedUp.push(batch(DEMO_DEPOTS[turn % DEMO_DEPOTS.length], daysAgo > 40 ? 'closed' : 'picked_up', new Date(pickup.getTime() - DAY), pickup, pickup));
  }
  return {
    pickedUp,
    ready: batch(DEMO_DEPOTS[0], 'ready', new Date(now - DAY), null, new Date(now + 3 * DAY)),
    draft: batch(DEMO_DEPOTS[1], 'draft', null, null, new Date(now + 10 * DAY)),
  };
}

/** Devices still with the partner come from the last pickups; the others from any. */
function demoBatchFor(random: Random, finalStatus: DeviceStatus, batches: DemoBatches): Batch {
  if (finalStatus === 'in_batch') return random.pick([batches.ready, batches.draft]);
  if (finalStatus === 'handed_over') return random.pick(batches.pickedUp.slice(-4));
  return random.pick(batches.pickedUp);
}

/**
 * The time of each event of a demo history: the first at registration, the `fixed` ones at their
 * moment, the others spread evenly between them; after the last fixed one, a step every few days,
 * squeezed if needed so nothing happens in the future. One minute apart at least, in order.
 */
function historyTimes({ random, now }: Demo, count: number, registeredAt: Date, fixed: Map<number, Date>): Date[] {
  const anchors = new Map(fixed);
  anchors.set(0, anchors.get(0) ?? registeredAt);
  const last = Math.max(...anchors.keys());
  if (last < count - 1) {
    const from = anchors.get(last)!.getTime();
    const wanted = from + (count - 1 - last) * stepDays(random) * DAY;
    anchors.set(count - 1, new Date(Math.min(wanted, from + Math.max(0, now - DAY / 2 - from))));
  }
  const indices = [...anchors.keys()].sort((a, b) => a - b);
  const times: Date[] = [];
  for (let index = 0; index < count; index++) {
    const next = indices.find((anchor) => anchor >= index)!;
    const previous = [...indices].reverse().find((anchor) => anchor <= index)!;
    const start = anchors.get(previous)!.getTime();
    const end = anchors.get(next)!.getTime();
    const share = next === previous ? 0 : (index - previous) / (next - previous);
    times.push(new Date(Math.max(start + share * (end - start), (times[index - 1]?.getTime() ?? 0) + 60_000)));
  }
  return times;
}

/** Referrals still open or closed without a device, by status (the equipped ones come with the allocated devices). */
const OPEN_REFERRALS: [ReferralStatus, number][] = [['submitted', 12], ['accepted', 10], ['refused', 3], ['cancelled', 2], ['expired', 3]];

/**
 * The social side of the demo: the agreement with Emmaüs Connect, residents referred by the
 * social workers of the demo territories (uneven shares, see DEMO_TERRITORIES), and an allocation
 * for every allocated device.
 */
async function demoReferrals(demo: Demo): Promise<void> {
  const agreement = demoAgreement(demo);
  const allocated = await demo.em.find(Device, { status: 'allocated' }, { orderBy: { id: 'ASC' } });
  let residents = 0;
  for (const device of allocated) allocateDemoDevice(demo, device, agreement, residents++);
  for (const [status, count] of OPEN_REFERRALS) {
    for (let n = 0; n < count; n++) openDemoReferral(demo, status, residents++);
  }
  await demo.em.flush();
}

function demoAgreement({ em, now }: Demo): Agreement {
  const year = new Date(now).getFullYear();
  return em.create(Agreement, {
    partner: PARTNER,
    startsOn: `${year - 1}-01-01`,
    endsOn: `${year + 1}-12-31`,
    devicesCommitted: 1200,
    residentsCommitted: 700,
    trainingsCommitted: 350,
    solidaritySalesCommitted: 700,
    priceCaps: { ...PARTNER_PRICE_CAPS },
    reuseCommitmentRef: 'Convention Département du Nord – Emmaüs Connect (démonstration), engagement de réemploi',
    maxDeviceAgeYears: 6,
    identityCheck: 'voucher_and_first_name',
    shops: DEMO_SHOPS,
  });
}

/**
 * Emmaüs Connect welcomes people in Roubaix and in Lille-Wazemmes (reseau-alliances.org, « LaCollecte.tech »,
 * 2023); their street addresses and opening hours were not found in a public source, so the demo says
 * « démonstration » on each line a resident would act on, rather than send anyone to a made-up street.
 */
const DEMO_SHOPS = [
  {
    name: 'Emmaüs Connect Roubaix (lieu de démonstration)',
    address: 'Adresse de démonstration, 59100 Roubaix',
    openingHours: 'Horaires de démonstration : le mardi et le jeudi, de 9 h 30 à 12 h 30.',
    directions: 'Texte de démonstration : prenez le métro ligne 2. Descendez à l’arrêt Roubaix Grand-Place. Marchez 5 minutes.',
  },
  {
    name: 'Emmaüs Connect Lille-Wazemmes (lieu de démonstration)',
    address: 'Adresse de démonstration, 59000 Lille',
    openingHours: 'Horaires de démonstration : le lundi et le mercredi, de 14 h à 17 h.',
    directions: 'Texte de démonstration : prenez le métro ligne 1. Descendez à l’arrêt Gambetta. Marchez 3 minutes.',
  },
];

/** The referral of the resident who received `device`, written some weeks before the allocation that closes it. */
function allocateDemoDevice(demo: Demo, device: Device, agreement: Agreement, resident: number): void {
  const { random, users } = demo;
  const allocatedAt = device.updatedAt;
  const writtenAt = new Date(allocatedAt.getTime() - (5 + Math.floor(random.next() * 40)) * DAY);
  const equipped = demoReferral(demo, demoResident(demo, resident, writtenAt), 'equipped', device.type, writtenAt, allocatedAt);
  const cap = agreement.priceCaps[device.type] ?? 30;
  demo.em.create(Allocation, {
    device,
    referral: equipped,
    agreement,
    priceCents: Math.round(cap * (0.5 + random.next() * 0.5)) * 100,
    allocatedBy: users.partner,
    allocatedAt,
  });
}

/** A referral without a device: waiting, accepted, or closed by a refusal, a cancellation or its expiry. */
function openDemoReferral(demo: Demo, status: ReferralStatus, resident: number): void {
  const { random, now } = demo;
  const ageDays = status === 'expired' ? 120 : 2 + Math.floor(random.next() * 40);
  const writtenAt = new Date(now - ageDays * DAY);
  // an unanswered referral expires after 90 days (REFERRAL_EXPIRY_DAYS); a refusal or cancellation comes sooner
  const closedAt =
    status === 'expired' ? new Date(writtenAt.getTime() + 90 * DAY) : ['refused', 'cancelled'].includes(status) ? new Date(now - Math.max(1, ageDays - 10) * DAY) : null;
  const beneficiary = demoResident(demo, resident, writtenAt);
  demoReferral(demo, beneficiary, status, random.pick(['laptop', 'laptop', 'desktop', 'tablet', 'smartphone'] as const), writtenAt, closedAt);
}

/** The `index`-th demo resident, living in a territory drawn by its share, referred at `at`. */
function demoResident({ em, random, socialWorkers }: Demo, index: number, at: Date): Beneficiary {
  const territory = random.weighted(DEMO_TERRITORIES);
  const worker = socialWorkers.get(territory.name)!;
  const [postcode, commune] = random.pick(territory.communes);
  const birthYear = 1950 + Math.floor(random.next() * 55);
  return em.create(Beneficiary, {
    firstName: FIRST_NAMES[index % FIRST_NAMES.length],
    // a shift every round of first names: no two demo residents share a name
    lastName: LAST_NAMES[(index * 7 + Math.floor(index / FIRST_NAMES.length)) % LAST_NAMES.length],
    birthYear,
    postcode,
    commune,
    territory: territory.name,
    eligibility: eligibilityFor(random, at.getFullYear() - birthYear),
    phone: random.next() < 0.7 ? `06${String(Math.floor(random.next() * 1e8)).padStart(8, '0')}` : null,
    consentAt: at,
    consentRecordedBy: worker,
    createdBy: worker,
    lastActivityAt: at,
    anonymisedAt: null,
    createdAt: at,
  });
}

/** A referral written by the social worker of the resident's territory; `closedAt` for the closed ones. */
function demoReferral(
  { em, random, users }: Demo,
  beneficiary: Beneficiary,
  status: ReferralStatus,
  need: Referral['need'],
  writtenAt: Date,
  closedAt: Date | null,
): Referral {
  const accepted = ['accepted', 'equipped'].includes(status);
  if (closedAt) beneficiary.lastActivityAt = closedAt;
  return em.create(Referral, {
    beneficiary,
    referrer: beneficiary.createdBy,
    partner: PARTNER,
    territory: beneficiary.territory,
    need,
    trainingWanted: random.next() < 0.5,
    status,
    voucherCode: newVoucherCode(),
    refusalReason: status === 'refused' ? random.pick(['unreachable', 'did_not_come', 'need_already_met'] as const) : null,
    acceptedAt: accepted ? new Date(writtenAt.getTime() + 2 * DAY) : null,
    acceptedBy: accepted ? users.partner : null,
    closedAt,
    createdAt: writtenAt,
  });
}

/**
 * An eligibility that fits the person's age: ASPA (minimum old-age pension) from 65, « jeune en
 * insertion » under 26, the other bases in between.
 */
function eligibilityFor(random: Random, age: number): (typeof ELIGIBILITY_BASES)[number] {
  if (age >= 65) return random.pick(['aspa', 'aspa', 'aah', 'css'] as const);
  if (age < 26) return random.pick(['young_insertion', 'young_insertion', 'css', 'aah'] as const);
  return random.pick(['rsa', 'rsa', 'aah', 'ass', 'css', 'other'] as const);
}
