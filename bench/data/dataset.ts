import { formatAssetTag } from '../../api/devices/asset-tag.js';
import type { DeviceStatus } from '../../api/devices/lifecycle.js';
import type { EventType } from '../../api/devices/event.entity.js';
import type { Role } from '../../api/core/permissions.js';
import { ELIGIBILITY_BASES } from '../../api/referrals/beneficiary.entity.js';
import type { ReferralStatus } from '../../api/referrals/referral.entity.js';
import { normaliseVoucherCode, VOUCHER_ALPHABET } from '../../api/referrals/voucher-code.js';
import { methodSummary } from '../../api/sanitization/sanitization.service.js';
import type { MediaKind } from '../../api/sanitization/nist.js';
import {
  DEPOTS,
  drawDiskSerialNumber,
  drawSerialNumber,
  FIRST_NAMES,
  LAST_NAMES,
  PARTNER,
  PARTNER_PRICE_CAPS,
  RECYCLING_REASONS,
  storageSummary,
  WIPE_ERRORS,
  WIPE_METHODS,
  WITHDRAWAL_REASONS,
} from '../../seeds/catalogue.js';
import { BENCH_MODELS, COLLECTION_SITES, MOVE_REASONS, STATUS_SHARES, TERRITORIES, type WeightedModel } from './mix.js';
import { Random } from '../../seeds/random.js';

/**
 * The benchmark dataset, built in memory from a seed: devices in every lifecycle state with the
 * history the real workflows would have written (registration or import, labels, moves between
 * sites, disks and NIST wipe records, certificates, batches and pickups, stock-takes,
 * refurbishment, recycling, allocations to referred residents, withdrawals). Every row respects
 * the schema's constraints and the lifecycle table; ids follow time, as in a real database.
 */

export const BENCH_PASSWORD = 'bench-reemploi-2026';

/** The accounts the benchmark signs in with (one per role). */
export const BENCH_ACCOUNTS: Record<Role, string> = {
  admin: 'admin@bench.reemploi.fr',
  it_staff: 'technicien@bench.reemploi.fr',
  partner: 'emmaus@bench.reemploi.fr',
  social_worker: 'social@bench.reemploi.fr',
  viewer: 'pilotage@bench.reemploi.fr',
};

export interface DatasetOptions {
  devices: number;
  seed: number;
  /** The dataset's "now": nothing happens after it. Fixed so that a seed always gives the same data. */
  until: Date;
  passwordHash: string;
}

export type Row = unknown[];

export interface Table {
  name: string;
  columns: string[];
  rows: Row[];
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;

interface Actor {
  id: number;
}

interface EventRow {
  at: number;
  device: DevicePlan;
  type: EventType;
  from: DeviceStatus | null;
  to: DeviceStatus | null;
  actor: Actor;
  site: string | null;
  reason: string | null;
  /** A function when the details name something whose id is only known later (referral). */
  details: Record<string, unknown> | (() => Record<string, unknown>) | null;
  id?: number;
}

interface MediumPlan {
  id?: number;
  device: DevicePlan;
  kind: MediaKind;
  serialNumber: string;
  model: string;
  capacityGb: number;
  createdBy: Actor;
  createdAt: number;
}

interface SanitizationPlan {
  id?: number;
  medium: MediumPlan;
  device: DevicePlan;
  startedAt: number;
  finishedAt: number;
  success: boolean;
  errors: string | null;
  operator: Actor;
}

interface CertificatePlan {
  id?: number;
  number?: string;
  device: DevicePlan;
  issuedAt: number;
  issuedBy: Actor;
  records: SanitizationPlan[];
}

interface BatchPlan {
  id: number;
  reference: string;
  site: string;
  status: 'draft' | 'ready' | 'picked_up' | 'closed';
  createdAt: number;
  readyAt: number | null;
  pickedUpAt: number | null;
  closedAt: number | null;
  createdBy: Actor;
  pickedUpBy: Actor | null;
  plannedAt: number | null;
  devices: DevicePlan[];
}

interface ReferralPlan {
  id?: number;
  beneficiary: BeneficiaryPlan;
  referrer: Actor;
  territory: string;
  need: string;
  trainingWanted: boolean;
  status: ReferralStatus;
  voucherCode: string;
  refusalReason: string | null;
  createdAt: number;
  acceptedAt: number | null;
  closedAt: number | null;
  acceptedBy: Actor | null;
}

interface BeneficiaryPlan {
  id?: number;
  territory: (typeof TERRITORIES)[number];
  referrer: Actor;
  createdAt: number;
  referrals: ReferralPlan[];
}

interface DevicePlan {
  id: number;
  assetTag: string;
  model: WeightedModel;
  status: DeviceStatus;
  origin: string;
  depot: string;
  site: string;
  batch: BatchPlan | null;
  serialNumber: string;
  inventoryNumber: string;
  hostname: string | null;
  ramGb: number | null;
  year: number;
  conditionGrade: string;
  refurbishedGrade: string | null;
  noStorage: boolean;
  labelPrintedAt: number | null;
  registeredAt: number;
  updatedAt: number;
  version: number;
  certificates: CertificatePlan[];
  events: EventRow[];
  /** Time span during which the device sat on its depot's shelves (stock-takes see it). */
  atDepotFrom: number | null;
  atDepotUntil: number;
  allocatedAt?: number;
}

interface UserPlan extends Actor {
  email: string;
  name: string;
  role: Role;
  territory: string | null;
  organisation: string | null;
}

/** The accounts of the dataset, by what they do. */
interface People {
  users: UserPlan[];
  admins: UserPlan[];
  technicians: UserPlan[];
  partners: UserPlan[];
  socialWorkers: Map<string, UserPlan>;
}

/** The wiping station's records, filled as the histories are written. */
interface WipeRecords {
  media: MediumPlan[];
  sanitizations: SanitizationPlan[];
  certificates: CertificatePlan[];
  mediumSerials: Set<string>;
}

/** The residents' side: agreements, residents and their referrals, allocations. */
interface SocialPlan {
  agreements: ReturnType<typeof agreementPlans>;
  beneficiaries: BeneficiaryPlan[];
  allocations: AllocationPlan[];
  voucherCodes: Set<string>;
}

interface AllocationPlan {
  device: DevicePlan;
  referral: ReferralPlan;
  priceCents: number;
  allocatedBy: Actor;
  allocatedAt: number;
}

interface AuditPlan {
  id: number;
  site: string;
  at: number;
  tech: Actor;
  scans: DevicePlan[];
}

/** What every stage works with: the draws, the dataset's span of time, its size and who acts. */
interface Build {
  random: Random;
  /** Three years before `until`: when the oldest histories begin. */
  start: number;
  until: number;
  count: number;
  people: People;
  wipes: WipeRecords;
}

/** A depot's share of the devices: the central one takes the most. */
const DEPOT_WEIGHTS = DEPOTS.map((name, index) => ({ name, weight: index === 0 ? 4 : 1.5 }));

const pickTechnician = (build: Build) => build.random.pick(build.people.technicians);
const pickPartner = (build: Build) => build.random.pick(build.people.partners);

/**
 * Builds every table of the dataset, stage by stage. The stages draw from one generator in this
 * order, so a seed always gives the same rows: keep the order when changing one.
 */
export function buildDataset(options: DatasetOptions): Table[] {
  const until = options.until.getTime();
  const build: Build = {
    random: new Random(options.seed),
    start: until - 3 * 365 * DAY,
    until,
    count: options.devices,
    people: planUsers(),
    wipes: { media: [], sanitizations: [], certificates: [], mediumSerials: new Set() },
  };
  const statusCounts = countByStatus(options.devices);
  const batches = planBatches(build, statusCounts);
  const devices = planDevices(build, statusCounts);
  fillBatches(build, devices, batches);
  for (const device of devices) writeHistory(build, device);
  const social = planReferrals(build, devices, statusCounts.get('allocated')!);
  const audits = planStockTakes(build, devices);
  const { events, referrals } = numberRows(build, devices, social);
  return [
    ...accountTables(build, options.passwordHash, batches),
    ...deviceTables(build, devices),
    ...stockTakeTables(audits),
    eventTable(events),
    ...socialTables(build, social, referrals),
  ];
}

// ---------- users ----------

function planUsers(): People {
  const users: UserPlan[] = [];
  const addUser = (email: string, name: string, role: Role, extra: { territory?: string; organisation?: string } = {}) => {
    const user: UserPlan = { id: users.length + 1, email, name, role, territory: extra.territory ?? null, organisation: extra.organisation ?? null };
    users.push(user);
    return user;
  };
  const admins = [addUser(BENCH_ACCOUNTS.admin, 'Camille Administratrice', 'admin'), addUser('admin2@bench.reemploi.fr', 'Pascal Administrateur', 'admin')];
  const technicians = [addUser(BENCH_ACCOUNTS.it_staff, 'Karim Technicien', 'it_staff')];
  for (let n = 2; n <= 8; n++) technicians.push(addUser(`technicien${n}@bench.reemploi.fr`, `Technicien ${n}`, 'it_staff'));
  const partners = [addUser(BENCH_ACCOUNTS.partner, 'Julie (Emmaüs Connect)', 'partner', { organisation: PARTNER })];
  for (let n = 2; n <= 4; n++) partners.push(addUser(`emmaus${n}@bench.reemploi.fr`, `Équipe Emmaüs Connect ${n}`, 'partner', { organisation: PARTNER }));
  const socialWorkers = new Map<string, UserPlan>();
  for (const [index, territory] of TERRITORIES.entries()) {
    const email = index === 0 ? BENCH_ACCOUNTS.social_worker : `social${index + 1}@bench.reemploi.fr`;
    socialWorkers.set(territory.name, addUser(email, `Travailleur social — ${territory.name}`, 'social_worker', { territory: territory.name }));
  }
  addUser(BENCH_ACCOUNTS.viewer, 'Comité de pilotage', 'viewer');
  return { users, admins, technicians, partners, socialWorkers };
}

/** How many devices end in each state (STATUS_SHARES; the rounding left-overs stay registered). */
function countByStatus(count: number): Map<DeviceStatus, number> {
  const shareTotal = STATUS_SHARES.reduce((sum, [, share]) => sum + share, 0);
  const statusCounts = new Map<DeviceStatus, number>(STATUS_SHARES.map(([status, share]) => [status, Math.floor((count * share) / shareTotal)]));
  statusCounts.set('registered', statusCounts.get('registered')! + count - [...statusCounts.values()].reduce((a, b) => a + b, 0));
  return statusCounts;
}

// ---------- batches ----------

/** The batch schedule: more pickups lately (the programme grows), a few batches still open at the end. */
function planBatches(build: Build, statusCounts: Map<DeviceStatus, number>): BatchPlan[] {
  const batchPathStatuses: DeviceStatus[] = ['in_batch', 'handed_over', 'refurbished', 'recycled', 'allocated'];
  const batchPathCount = batchPathStatuses.reduce((sum, status) => sum + statusCounts.get(status)!, 0);
  const totalBatches = Math.max(6, Math.round(build.count / 200));
  const batchSize = batchPathCount / totalBatches;
  const openBatches = Math.min(totalBatches - 2, Math.max(2, Math.round(statusCounts.get('in_batch')! / batchSize)));
  const batches = [...pickedUpBatches(build, totalBatches - openBatches), ...openBatchesAtTheEnd(build, openBatches)];
  numberBatches(batches);
  return batches;
}

function pickedUpBatches(build: Build, count: number): BatchPlan[] {
  const { random, start, until } = build;
  const firstPickup = start + 45 * DAY;
  const lastPickup = until - 3 * DAY;
  const batches: BatchPlan[] = [];
  for (let k = 0; k < count; k++) {
    const pickedUpAt = firstPickup + Math.sqrt((k + random.next()) / count) * (lastPickup - firstPickup);
    const readyAt = pickedUpAt - random.between(1, 4) * DAY;
    batches.push({
      id: 0,
      reference: '',
      site: random.weighted(DEPOT_WEIGHTS).name,
      status: pickedUpAt < until - 45 * DAY ? 'closed' : 'picked_up',
      createdAt: readyAt - random.between(3, 20) * DAY,
      readyAt,
      pickedUpAt,
      closedAt: pickedUpAt < until - 45 * DAY ? pickedUpAt + 30 * DAY : null,
      createdBy: pickTechnician(build),
      pickedUpBy: pickPartner(build),
      plannedAt: pickedUpAt,
      devices: [],
    });
  }
  return batches;
}

/** Batches being built or ready at the dataset's end, at the depots in turn. */
function openBatchesAtTheEnd(build: Build, count: number): BatchPlan[] {
  const { random, until } = build;
  const batches: BatchPlan[] = [];
  for (let k = 0; k < count; k++) {
    const ready = k % 2 === 0;
    const readyAt = ready ? until - random.between(0.5, 6) * DAY : null;
    batches.push({
      id: 0,
      reference: '',
      site: DEPOTS[k % DEPOTS.length],
      status: ready ? 'ready' : 'draft',
      createdAt: (readyAt ?? until) - random.between(3, 15) * DAY,
      readyAt,
      pickedUpAt: null,
      closedAt: null,
      createdBy: pickTechnician(build),
      pickedUpBy: null,
      plannedAt: readyAt ? readyAt + random.between(2, 8) * DAY : null,
      devices: [],
    });
  }
  return batches;
}

/** LOT-2025-0001: numbered per year of creation, in creation order (which the ids follow too). */
function numberBatches(batches: BatchPlan[]): void {
  batches.sort((a, b) => a.createdAt - b.createdAt);
  const perYear = new Map<number, number>();
  batches.forEach((batch, index) => {
    const year = new Date(batch.createdAt).getUTCFullYear();
    perYear.set(year, (perYear.get(year) ?? 0) + 1);
    batch.id = index + 1;
    batch.reference = `LOT-${year}-${String(perYear.get(year)).padStart(4, '0')}`;
  });
}

// ---------- devices ----------

/** Each device's identity and final state (in random order); its history is written later. */
function planDevices(build: Build, statusCounts: Map<DeviceStatus, number>): DevicePlan[] {
  const { random, until } = build;
  const serials = new Set<string>();
  const uniqueSerial = (make: () => string) => {
    for (;;) {
      const serial = make();
      if (!serials.has(serial)) {
        serials.add(serial);
        return serial;
      }
    }
  };
  const statuses: DeviceStatus[] = [];
  for (const [status, n] of statusCounts) for (let i = 0; i < n; i++) statuses.push(status);
  random.shuffle(statuses);
  const storageModels = BENCH_MODELS.filter((model) => model.storage);
  return statuses.map((status) => {
    let model = random.weighted(BENCH_MODELS);
    // only a device with a disk can fail its wipe
    if (status === 'quarantined' && !model.storage) model = random.weighted(storageModels);
    const depot = random.weighted(DEPOT_WEIGHTS).name;
    const origin = random.chance(0.55) ? depot : random.pick(COLLECTION_SITES);
    return {
      id: 0,
      assetTag: '',
      model,
      status,
      origin,
      depot,
      site: origin,
      batch: null,
      serialNumber: uniqueSerial(() => drawSerialNumber(model, random)),
      inventoryNumber: `CD59-INV-${String(random.int(2014000, 2024999)).padStart(7, '0')}`,
      hostname: model.type === 'laptop' || model.type === 'desktop' ? `PC59-${random.code(6, '0123456789')}` : null,
      ramGb: model.ramGb ?? null,
      year: random.int(model.years[0], model.years[1]),
      conditionGrade: random.pick(['A', 'B', 'B', 'B', 'C', 'C', 'D']),
      refurbishedGrade: null,
      noStorage: false,
      labelPrintedAt: null,
      registeredAt: 0,
      updatedAt: 0,
      version: 1,
      certificates: [],
      events: [],
      atDepotFrom: null,
      atDepotUntil: until,
    };
  });
}

/** Puts the devices that went through a batch in one; a batch leaves from one depot, where its devices were. */
function fillBatches(build: Build, devices: DevicePlan[], batches: BatchPlan[]): void {
  const { random } = build;
  const pickedUp = batches.filter((batch) => batch.pickedUpAt !== null).sort((a, b) => b.pickedUpAt! - a.pickedUpAt!);
  const open = batches.filter((batch) => batch.pickedUpAt === null);
  // the partner works first in, first out: its backlog (handed_over) came with the latest pickups
  const backlog = random.shuffle(devices.filter((device) => device.status === 'handed_over'));
  const processed = random.shuffle(devices.filter((device) => ['refurbished', 'recycled', 'allocated'].includes(device.status)));
  const fill = (list: DevicePlan[], into: BatchPlan[]) => {
    list.forEach((device, index) => {
      const batch = into[Math.min(into.length - 1, Math.floor((index * into.length) / list.length))];
      device.batch = batch;
      device.depot = batch.site;
      if (device.origin !== batch.site && DEPOTS.includes(device.origin)) device.origin = batch.site;
      batch.devices.push(device);
    });
  };
  fill([...backlog, ...processed], pickedUp);
  fill(devices.filter((device) => device.status === 'in_batch'), open);
}

// ---------- histories ----------

function event(device: DevicePlan, at: number, type: EventType, actor: Actor, extra: Partial<Pick<EventRow, 'from' | 'to' | 'site' | 'reason' | 'details'>> = {}) {
  device.events.push({ at, device, type, actor, from: extra.from ?? null, to: extra.to ?? null, site: extra.site ?? device.site, reason: extra.reason ?? null, details: extra.details ?? null });
}

function change(device: DevicePlan, at: number) {
  device.version++;
  device.updatedAt = Math.max(device.updatedAt, at);
}

function transition(device: DevicePlan, at: number, from: DeviceStatus, to: DeviceStatus, actor: Actor, extra: Partial<Pick<EventRow, 'reason' | 'details' | 'site'>> = {}) {
  event(device, at, 'transition', actor, { from, to, ...extra });
  change(device, at);
}

/** A device's whole history, from its registration to its final state, by the road that state implies. */
function writeHistory(build: Build, device: DevicePlan): void {
  const { random, until } = build;
  switch (device.status) {
    case 'registered': {
      const registeredAt = until - random.between(0.2, 45) * DAY;
      register(build, device, registeredAt, Math.min(until, registeredAt + random.between(1, 10) * DAY));
      break;
    }
    case 'quarantined': {
      const firstStep = wipe(build, device, { quarantinedAt: until - random.between(1, 60) * DAY });
      register(build, device, firstStep - random.between(1, 45) * DAY, firstStep);
      break;
    }
    case 'sanitized': {
      const firstStep = wipe(build, device, { sanitizedAt: until - random.between(1, 120) * DAY, retried: !!device.model.storage && random.chance(0.1) });
      register(build, device, firstStep - random.between(1, 45) * DAY, firstStep);
      break;
    }
    case 'withdrawn':
      withdraw(build, device);
      break;
    default:
      throwIfNotBatchPath(device.status);
      throwIfMissingBatch(device);
      throughBatch(build, device);
  }
}

/** Withdrawn from the depot, wiped first or not. */
function withdraw(build: Build, device: DevicePlan): void {
  const { random, until } = build;
  const withdrawnAt = until - random.between(1, 900) * DAY;
  let from: DeviceStatus = 'registered';
  if (random.chance(0.4)) {
    const firstStep = wipe(build, device, { sanitizedAt: withdrawnAt - random.between(1, 60) * DAY, retried: false });
    register(build, device, firstStep - random.between(1, 45) * DAY, firstStep);
    from = 'sanitized';
  } else {
    const registeredAt = withdrawnAt - random.between(1, 60) * DAY;
    register(build, device, registeredAt, withdrawnAt);
  }
  transition(device, withdrawnAt, from, 'withdrawn', random.pick(build.people.admins), { reason: random.pick(WITHDRAWAL_REASONS) });
  device.atDepotUntil = withdrawnAt;
}

/** Registration (or import), label, a move from a collection point to the depot, a correction. */
function register(build: Build, device: DevicePlan, registeredAt: number, nextStepAt: number): void {
  const { random, until } = build;
  const tech = pickTechnician(build);
  device.registeredAt = registeredAt;
  device.updatedAt = registeredAt;
  device.site = device.origin;
  event(device, registeredAt, random.chance(0.6) ? 'imported' : 'registered', tech, { to: 'registered', site: device.origin });
  const room = Math.max(nextStepAt - registeredAt, 10 * MINUTE);
  if (random.chance(0.93)) {
    const at = registeredAt + room * random.between(0.01, 0.2);
    device.labelPrintedAt = at;
    event(device, at, 'label_printed', tech);
    // a label torn in transit is printed again
    if (random.chance(0.06)) {
      device.labelPrintedAt = at + room * 0.05;
      event(device, device.labelPrintedAt, 'label_printed', tech);
    }
  }
  if (device.ramGb && random.chance(0.15)) {
    const before = device.ramGb;
    device.ramGb = before * 2;
    const at = registeredAt + room * random.between(0.3, 0.5);
    event(device, at, 'updated', tech, { details: { changes: { ramGb: [before, device.ramGb] } } });
    change(device, at);
  }
  if (device.origin !== device.depot) {
    const at = registeredAt + room * random.between(0.55, 0.9);
    if (at < until) {
      const fromSite = device.site;
      device.site = device.depot;
      event(device, at, 'moved', tech, { site: device.depot, reason: random.pick(MOVE_REASONS), details: { fromSite } });
      change(device, at);
      device.atDepotFrom = at;
    }
  } else {
    device.atDepotFrom = registeredAt;
  }
}

/** How a device leaves the wiping station: sanitized (after a failed first wipe when `retried`), or still quarantined. */
type WipeEnding = { sanitizedAt: number; retried: boolean } | { quarantinedAt: number };

/** One technician's pass of one device at the wiping station (at its depot), each wipe of its disks taking `minutes`. */
interface WipingSession {
  device: DevicePlan;
  tech: Actor;
  site: string;
  minutes: number;
}

/**
 * The wiping station, ending with the device sanitized at `sanitizedAt` (or quarantined at
 * `quarantinedAt` when it never succeeds). Returns the time of its first step.
 */
function wipe(build: Build, device: DevicePlan, ending: WipeEnding): number {
  const { random } = build;
  const tech = pickTechnician(build);
  const storage = device.model.storage;
  // the wiping station is at the depot (this runs before the registration is written)
  const site = device.depot;
  if (!storage) return certifyWithoutStorage(build, device, tech, site, (ending as { sanitizedAt: number }).sanitizedAt);
  const disks = device.model.type === 'desktop' && random.chance(0.05) ? 2 : 1;
  const session: WipingSession = { device, tech, site, minutes: WIPE_METHODS[storage.kind].minutes * random.between(0.8, 1.3) };
  const firstWipeEnd = 'quarantinedAt' in ending ? ending.quarantinedAt : ending.retried ? ending.sanitizedAt - random.between(1, 14) * DAY : ending.sanitizedAt;
  const addedAt = firstWipeEnd - session.minutes * MINUTE - random.between(5, 60) * MINUTE;
  const mediums = addMedia(build, session, disks, addedAt);
  const failed = 'quarantinedAt' in ending || ending.retried;
  const firstRecords = mediums.map((medium, index) => recordWipe(build, session, medium, firstWipeEnd + index * MINUTE, !failed || index > 0));
  if (failed) {
    const at = firstWipeEnd + disks * MINUTE;
    transition(device, at, 'registered', 'quarantined', tech, { site, reason: `Échec de l'effacement — ${mediums[0].serialNumber} : ${firstRecords[0].errors}` });
  }
  if ('quarantinedAt' in ending) return addedAt;
  const finalRecords = failed ? [recordWipe(build, session, mediums[0], ending.sanitizedAt - disks * MINUTE, true), ...firstRecords.slice(1)] : firstRecords;
  certify(build, device, tech, ending.sanitizedAt, finalRecords, { from: failed ? 'quarantined' : 'registered', site });
  return addedAt;
}

/** A device without storage: declared so, then certified with no wipe record. Returns the time of the declaration. */
function certifyWithoutStorage(build: Build, device: DevicePlan, tech: Actor, site: string, at: number): number {
  event(device, at - MINUTE, 'no_storage', tech, { site });
  device.noStorage = true;
  change(device, at - MINUTE);
  certify(build, device, tech, at, [], { from: 'registered', site });
  return at - MINUTE;
}

/** The certificate of a wipe and the device's move to sanitized; its number is given once ids are (numberRows). */
function certify(build: Build, device: DevicePlan, tech: Actor, at: number, records: SanitizationPlan[], { from, site }: { from: DeviceStatus; site: string }): void {
  const certificate: CertificatePlan = { device, issuedAt: at, issuedBy: tech, records };
  build.wipes.certificates.push(certificate);
  device.certificates.push(certificate);
  transition(device, at, from, 'sanitized', tech, { site, details: () => ({ certificateNumber: certificate.number }) });
}

/** The device's disks, recorded at the station (a serial number never seen before each). */
function addMedia(build: Build, { device, tech, site }: WipingSession, disks: number, addedAt: number): MediumPlan[] {
  const storage = device.model.storage!;
  const { media, mediumSerials } = build.wipes;
  const mediums: MediumPlan[] = [];
  for (let disk = 0; disk < disks; disk++) {
    let serialNumber: string;
    do serialNumber = drawDiskSerialNumber(storage, build.random);
    while (mediumSerials.has(serialNumber));
    mediumSerials.add(serialNumber);
    const medium: MediumPlan = { device, kind: storage.kind, serialNumber, model: storage.model, capacityGb: storage.capacityGb, createdBy: tech, createdAt: addedAt + disk * MINUTE };
    media.push(medium);
    mediums.push(medium);
    event(device, medium.createdAt, 'medium_added', tech, { site, details: { serialNumber, kind: storage.kind, model: storage.model, capacityGb: storage.capacityGb } });
  }
  return mediums;
}

/** One wipe record of one disk, finished at `finishedAt`, and its event. */
function recordWipe(build: Build, { device, tech, site, minutes }: WipingSession, medium: MediumPlan, finishedAt: number, success: boolean): SanitizationPlan {
  const errors = success ? null : build.random.pick(WIPE_ERRORS);
  const plan: SanitizationPlan = { medium, device, startedAt: finishedAt - minutes * MINUTE, finishedAt, success, errors, operator: tech };
  build.wipes.sanitizations.push(plan);
  const method = WIPE_METHODS[medium.kind];
  event(device, finishedAt, 'sanitization', tech, {
    site,
    reason: errors,
    details: { medium: medium.serialNumber, technique: method.technique, category: method.category, result: success ? 'success' : 'failure', tool: method.tool },
  });
  return plan;
}

/** From the shelf to the partner: into a batch, picked up, then refurbished, recycled or allocated. */
function throughBatch(build: Build, device: DevicePlan): void {
  const { random, until } = build;
  const batch = device.batch!;
  const tech = batch.createdBy;
  const batchedAt = batch.createdAt + random.next() * ((batch.readyAt ?? until - HOUR) - batch.createdAt);
  const sanitizedAt = batchedAt - random.between(1, 90) * DAY;
  const retried = !!device.model.storage && random.chance(0.1);
  const firstStep = wipe(build, device, { sanitizedAt, retried });
  register(build, device, firstStep - random.between(1, 45) * DAY, firstStep);
  // events are kept in creation order here; they are sorted by time before ids are given
  transition(device, batchedAt, 'sanitized', 'in_batch', tech, { details: { batch: batch.reference } });
  if (batch.pickedUpAt === null) return;
  const pickedUpAt = batch.pickedUpAt + batch.devices.indexOf(device) * 7_000;
  device.site = PARTNER;
  device.atDepotUntil = pickedUpAt;
  transition(device, pickedUpAt, 'in_batch', 'handed_over', batch.pickedUpBy!, { site: PARTNER, details: { batch: batch.reference } });
  if (device.status === 'handed_over') return;
  const room = (until - pickedUpAt) / DAY;
  const outcomeAt = pickedUpAt + random.between(Math.min(3, room * 0.3), Math.min(90, room * 0.6)) * DAY;
  if (device.status === 'recycled') {
    transition(device, outcomeAt, 'handed_over', 'recycled', pickPartner(build), { reason: random.pick(RECYCLING_REASONS) });
    return;
  }
  device.refurbishedGrade = random.pick(['A', 'B', 'B', 'C']);
  transition(device, outcomeAt, 'handed_over', 'refurbished', pickPartner(build), { details: { grade: device.refurbishedGrade } });
  if (device.status === 'allocated') {
    // the allocation itself is written with its referral (planReferrals)
    const left = (until - outcomeAt) / DAY;
    device.allocatedAt = outcomeAt + random.between(Math.min(1, left * 0.2), Math.min(150, left * 0.9)) * DAY;
  }
}

// ---------- referrals, beneficiaries, allocations ----------

/** An equipped referral (and its allocation) for every allocated device, then residents still waiting or turned away. */
function planReferrals(build: Build, devices: DevicePlan[], allocated: number): SocialPlan {
  const social: SocialPlan = { agreements: agreementPlans(build.start, build.until, build.count, allocated), beneficiaries: [], allocations: [], voucherCodes: new Set() };
  for (const device of devices.filter((candidate) => candidate.status === 'allocated')) allocate(build, social, device);
  const others = Math.max(0, Math.round(build.count / 5) - social.beneficiaries.length);
  for (let n = 0; n < others; n++) referWithoutDevice(build, social);
  return social;
}

/** The agreement in force on a day (the last one after they all ended). */
function agreementOn(social: SocialPlan, at: number) {
  return social.agreements.find((candidate) => at >= candidate.startsOn && at < candidate.endsOn + DAY) ?? social.agreements[social.agreements.length - 1];
}

function allocate(build: Build, social: SocialPlan, device: DevicePlan): void {
  const { random } = build;
  const allocatedAt = device.allocatedAt!;
  const createdAt = allocatedAt - random.between(10, 90) * DAY;
  const beneficiary = newBeneficiary(build, social, createdAt);
  if (random.chance(0.1)) {
    // an earlier referral that expired before this one
    const earlier = createdAt - random.between(120, 400) * DAY;
    refer(build, social, beneficiary, 'expired', random.pick(['laptop', 'desktop', 'tablet']), earlier, null, earlier + 90 * DAY + 2 * HOUR);
    beneficiary.createdAt = earlier;
  }
  const equipped = refer(build, social, beneficiary, 'equipped', device.model.type, createdAt, createdAt + (allocatedAt - createdAt) * random.between(0.3, 0.95), allocatedAt);
  const allocatedBy = pickPartner(build);
  const cap = agreementOn(social, allocatedAt).priceCaps[device.model.type] ?? 30;
  social.allocations.push({ device, referral: equipped, priceCents: Math.round(cap * random.between(0.5, 1)) * 100, allocatedBy, allocatedAt });
  transition(device, allocatedAt, 'refurbished', 'allocated', allocatedBy, { details: () => ({ referral: equipped.id, voucherCode: equipped.voucherCode }) });
}

const OPEN_STATUSES: { status: ReferralStatus; weight: number }[] = [
  { status: 'submitted', weight: 20 },
  { status: 'accepted', weight: 15 },
  { status: 'refused', weight: 15 },
  { status: 'cancelled', weight: 10 },
  { status: 'expired', weight: 40 },
];

/** A resident's referral that led to no device: waiting, accepted, refused, cancelled or expired. */
function referWithoutDevice(build: Build, social: SocialPlan): void {
  const { random, until } = build;
  const { status } = random.weighted(OPEN_STATUSES);
  const need = random.pick(['laptop', 'laptop', 'laptop', 'desktop', 'tablet', 'smartphone']);
  if (status === 'submitted') {
    const createdAt = until - random.between(0.5, 30) * DAY;
    refer(build, social, newBeneficiary(build, social, createdAt), status, need, createdAt, null, null);
  } else if (status === 'accepted') {
    const createdAt = until - random.between(3, 60) * DAY;
    refer(build, social, newBeneficiary(build, social, createdAt), status, need, createdAt, createdAt + random.between(1, 3) * DAY, null);
  } else if (status === 'expired') {
    const createdAt = until - random.between(95, 1000) * DAY;
    refer(build, social, newBeneficiary(build, social, createdAt), status, need, createdAt, null, createdAt + 90 * DAY + 2 * HOUR);
  } else {
    const createdAt = until - random.between(5, 1000) * DAY;
    refer(build, social, newBeneficiary(build, social, createdAt), status, need, createdAt, null, createdAt + random.between(2, 20) * DAY);
  }
}

/** A resident of a territory drawn by its share, followed by its social worker. */
function newBeneficiary(build: Build, social: SocialPlan, createdAt: number): BeneficiaryPlan {
  const territory = build.random.weighted(TERRITORIES);
  const beneficiary: BeneficiaryPlan = { territory, referrer: build.people.socialWorkers.get(territory.name)!, createdAt, referrals: [] };
  social.beneficiaries.push(beneficiary);
  return beneficiary;
}

function refer(
  build: Build,
  social: SocialPlan,
  beneficiary: BeneficiaryPlan,
  status: ReferralStatus,
  need: string,
  createdAt: number,
  acceptedAt: number | null,
  closedAt: number | null,
): ReferralPlan {
  const { random } = build;
  const plan: ReferralPlan = {
    beneficiary,
    referrer: beneficiary.referrer,
    territory: beneficiary.territory.name,
    need,
    trainingWanted: random.chance(0.45),
    status,
    voucherCode: newVoucher(build, social),
    refusalReason: status === 'refused' ? random.pick(['unreachable', 'did_not_come', 'not_eligible', 'need_already_met', 'duplicate']) : null,
    createdAt,
    acceptedAt,
    closedAt,
    acceptedBy: acceptedAt ? pickPartner(build) : null,
  };
  beneficiary.referrals.push(plan);
  return plan;
}

/** A voucher code valid for the app (its check character) and unique in the dataset. */
function newVoucher(build: Build, social: SocialPlan): string {
  for (;;) {
    const body = build.random.code(7, VOUCHER_ALPHABET);
    for (const check of VOUCHER_ALPHABET) {
      const code = normaliseVoucherCode(body + check);
      if (code && !social.voucherCodes.has(code)) {
        social.voucherCodes.add(code);
        return code;
      }
    }
  }
}

// ---------- stock-takes ----------

/** Every month at every depot, every device on the shelf is scanned. */
function planStockTakes(build: Build, devices: DevicePlan[]): AuditPlan[] {
  const audits: AuditPlan[] = [];
  const firstMonth = new Date(build.start);
  for (let month = new Date(Date.UTC(firstMonth.getUTCFullYear(), firstMonth.getUTCMonth(), 10, 7)); month.getTime() < build.until - DAY; month.setUTCMonth(month.getUTCMonth() + 1)) {
    for (const site of DEPOTS) audits.push({ id: audits.length + 1, site, at: month.getTime(), tech: pickTechnician(build), scans: [] });
  }
  const auditsBySite = new Map(DEPOTS.map((site) => [site, audits.filter((audit) => audit.site === site)]));
  for (const device of devices) {
    if (device.atDepotFrom === null) continue;
    for (const audit of auditsBySite.get(device.depot)!) {
      if (audit.at < device.atDepotFrom || audit.at >= device.atDepotUntil) continue;
      audit.scans.push(device);
    }
  }
  for (const audit of audits) {
    audit.scans.forEach((device, index) => {
      event(device, audit.at + 5 * MINUTE + index * 4_000, 'audited', audit.tech, { site: audit.site, details: { audit: audit.id, result: 'found', recordedSite: audit.site } });
    });
  }
  return audits;
}

// ---------- ids follow time, as in a database that grew day by day ----------

/** Gives every row its id (and each device its asset tag, each certificate its number), in time order; sorts the lists so. */
function numberRows(build: Build, devices: DevicePlan[], social: SocialPlan): { events: EventRow[]; referrals: ReferralPlan[] } {
  devices.sort((a, b) => a.registeredAt - b.registeredAt);
  const format = { prefix: 'CD59', digits: Math.max(6, String(build.count * 3).length) };
  devices.forEach((device, index) => {
    device.id = index + 1;
    device.assetTag = formatAssetTag(format, device.id);
  });
  const { media, sanitizations, certificates } = build.wipes;
  media.sort((a, b) => a.createdAt - b.createdAt).forEach((medium, index) => (medium.id = index + 1));
  sanitizations.sort((a, b) => a.finishedAt - b.finishedAt).forEach((record, index) => (record.id = index + 1));
  certificates.sort((a, b) => a.issuedAt - b.issuedAt).forEach((certificate, index) => {
    certificate.id = index + 1;
    certificate.number = `CS-${new Date(certificate.issuedAt).getUTCFullYear()}-${String(certificate.id).padStart(6, '0')}-${build.random.code(4, 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789')}`;
  });
  const referrals = social.beneficiaries.flatMap((beneficiary) => beneficiary.referrals).sort((a, b) => a.createdAt - b.createdAt);
  referrals.forEach((plan, index) => (plan.id = index + 1));
  social.beneficiaries.sort((a, b) => a.createdAt - b.createdAt).forEach((beneficiary, index) => (beneficiary.id = index + 1));
  social.allocations.sort((a, b) => a.allocatedAt - b.allocatedAt);
  const events = devices.flatMap((device) => device.events).sort((a, b) => a.at - b.at || a.device.id - b.device.id);
  events.forEach((row, index) => (row.id = index + 1));
  return { events, referrals };
}

// ---------- tables, in the order they are loaded ----------

const iso = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms));
const day = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString().slice(0, 10));

function accountTables(build: Build, passwordHash: string, batches: BatchPlan[]): Table[] {
  const createdAt = iso(build.start - 30 * DAY);
  return [
    {
      name: 'users',
      columns: ['id', 'email', 'name', 'role', 'territory', 'organisation', 'password_hash', 'active', 'token_version', 'created_at', 'updated_at'],
      rows: build.people.users.map((user) => [user.id, user.email, user.name, user.role, user.territory, user.organisation, passwordHash, true, 0, createdAt, createdAt]),
    },
    {
      name: 'batches',
      columns: ['id', 'reference', 'site', 'partner', 'planned_at', 'status', 'created_by_id', 'ready_at', 'ready_by_id', 'picked_up_at', 'picked_up_by_id', 'closed_at', 'version', 'created_at', 'updated_at'],
      rows: batches.map((batch) => [
        batch.id, batch.reference, batch.site, PARTNER, day(batch.plannedAt), batch.status, batch.createdBy.id, iso(batch.readyAt), batch.readyAt ? batch.createdBy.id : null,
        iso(batch.pickedUpAt), batch.pickedUpBy?.id ?? null, iso(batch.closedAt), batch.status === 'draft' ? 1 : batch.status === 'ready' ? 2 : batch.status === 'picked_up' ? 3 : 4,
        iso(batch.createdAt), iso(batch.closedAt ?? batch.pickedUpAt ?? batch.readyAt ?? batch.createdAt),
      ]),
    },
  ];
}

/** Devices and the wiping station's records. */
function deviceTables(build: Build, devices: DevicePlan[]): Table[] {
  const { media, sanitizations, certificates } = build.wipes;
  return [
    {
      name: 'devices',
      columns: ['id', 'asset_tag', 'inventory_number', 'serial_number', 'hostname', 'type', 'brand', 'model', 'cpu', 'ram_gb', 'storage_summary', 'year', 'condition_grade', 'origin_site', 'site', 'status',
        'certificate_number', 'label_printed_at', 'version', 'created_at', 'updated_at', 'no_storage', 'batch_id', 'refurbished_grade'],
      rows: devices.map((device) => {
        const storage = device.model.storage;
        return [
          device.id, device.assetTag, device.inventoryNumber, device.serialNumber, device.hostname, device.model.type, device.model.brand, device.model.model, device.model.cpu ?? null,
          device.ramGb, storage ? storageSummary(storage) : null, device.year, device.conditionGrade, device.origin, device.site, device.status,
          device.certificates.at(-1)?.number ?? null, iso(device.labelPrintedAt), device.version, iso(device.registeredAt), iso(device.updatedAt), device.noStorage, device.batch?.id ?? null, device.refurbishedGrade,
        ];
      }),
    },
    {
      name: 'media',
      columns: ['id', 'device_id', 'kind', 'serial_number', 'model', 'capacity_gb', 'created_by_id', 'created_at'],
      rows: media.map((medium) => [medium.id, medium.device.id, medium.kind, medium.serialNumber, medium.model, medium.capacityGb, medium.createdBy.id, iso(medium.createdAt)]),
    },
    {
      name: 'sanitizations',
      columns: ['id', 'medium_id', 'device_id', 'category', 'technique', 'tool', 'tool_version', 'started_at', 'finished_at', 'passes', 'verification', 'result', 'errors', 'operator_id', 'source', 'created_at'],
      rows: sanitizations.map((record) => {
        const method = WIPE_METHODS[record.medium.kind];
        return [
          record.id, record.medium.id, record.device.id, method.category, method.technique, method.tool, method.version, iso(record.startedAt), iso(record.finishedAt), method.passes,
          method.verification, record.success ? 'success' : 'failure', record.errors, record.operator.id, method.source, iso(record.finishedAt + 2 * MINUTE),
        ];
      }),
    },
    {
      name: 'certificates',
      columns: ['id', 'number', 'device_id', 'issued_at', 'issued_by_id', 'sanitization_ids', 'method_summary'],
      rows: certificates.map((certificate) => {
        const records = certificate.records.map((record) => WIPE_METHODS[record.medium.kind]);
        return [certificate.id, certificate.number, certificate.device.id, iso(certificate.issuedAt), certificate.issuedBy.id, certificate.records.map((record) => record.id), methodSummary(records)];
      }),
    },
  ];
}

function stockTakeTables(audits: AuditPlan[]): Table[] {
  return [
    {
      name: 'audits',
      columns: ['id', 'site', 'status', 'started_by_id', 'started_at', 'closed_by_id', 'closed_at', 'version'],
      rows: audits.map((audit) => [audit.id, audit.site, 'closed', audit.tech.id, iso(audit.at), audit.tech.id, iso(audit.at + 5 * MINUTE + audit.scans.length * 4_000 + HOUR), 2]),
    },
    {
      name: 'audit_expected',
      columns: ['audit_id', 'device_id'],
      rows: audits.flatMap((audit) => audit.scans.map((device) => [audit.id, device.id])),
    },
    {
      name: 'audit_scans',
      columns: ['audit_id', 'code', 'device_id', 'result', 'scanned_by_id', 'scanned_at'],
      rows: audits.flatMap((audit) => audit.scans.map((device, index) => [audit.id, device.assetTag, device.id, 'found', audit.tech.id, iso(audit.at + 5 * MINUTE + index * 4_000)])),
    },
  ];
}

function eventTable(events: EventRow[]): Table {
  return {
    name: 'events',
    columns: ['id', 'device_id', 'type', 'from_status', 'to_status', 'actor_id', 'at', 'site', 'reason', 'details'],
    rows: events.map((row) => [row.id, row.device.id, row.type, row.from, row.to, row.actor.id, iso(row.at), row.site, row.reason, typeof row.details === 'function' ? row.details() : row.details]),
  };
}

/** Agreements, residents, referrals and allocations. The residents' identities are drawn here, last. */
function socialTables(build: Build, social: SocialPlan, referrals: ReferralPlan[]): Table[] {
  const { agreements, beneficiaries, allocations } = social;
  return [
    {
      name: 'agreements',
      columns: ['id', 'partner', 'starts_on', 'ends_on', 'devices_committed', 'residents_committed', 'trainings_committed', 'solidarity_sales_committed', 'price_caps', 'reuse_commitment_ref', 'max_device_age_years', 'created_at', 'updated_at'],
      rows: agreements.map((agreement) => [
        agreement.id, PARTNER, day(agreement.startsOn), day(agreement.endsOn), agreement.devicesCommitted, agreement.residentsCommitted, agreement.trainingsCommitted, agreement.residentsCommitted,
        agreement.priceCaps, `Convention Département du Nord – ${PARTNER} ${new Date(agreement.startsOn).getUTCFullYear()}, article 4 : engagement de réemploi`, 8,
        iso(agreement.startsOn - 30 * DAY), iso(agreement.startsOn - 30 * DAY),
      ]),
    },
    {
      name: 'beneficiaries',
      columns: ['id', 'first_name', 'last_name', 'birth_year', 'postcode', 'commune', 'territory', 'eligibility', 'phone', 'consent_at', 'consent_recorded_by_id', 'created_by_id', 'last_activity_at', 'anonymised_at', 'created_at', 'updated_at', 'version'],
      rows: beneficiaries.map((beneficiary) => beneficiaryRow(build, beneficiary)),
    },
    {
      name: 'referrals',
      columns: ['id', 'beneficiary_id', 'referrer_id', 'territory', 'need', 'training_wanted', 'status', 'voucher_code', 'refusal_reason', 'accepted_at', 'accepted_by_id', 'closed_at', 'created_at', 'updated_at', 'version'],
      rows: referrals.map((plan) => [
        plan.id, plan.beneficiary.id, plan.referrer.id, plan.territory, plan.need, plan.trainingWanted, plan.status, plan.voucherCode, plan.refusalReason, iso(plan.acceptedAt), plan.acceptedBy?.id ?? null,
        iso(plan.closedAt), iso(plan.createdAt), iso(plan.closedAt ?? plan.acceptedAt ?? plan.createdAt), 1 + (plan.acceptedAt ? 1 : 0) + (plan.closedAt ? 1 : 0),
      ]),
    },
    {
      name: 'allocations',
      columns: ['id', 'device_id', 'referral_id', 'agreement_id', 'price_cents', 'allocated_by_id', 'allocated_at'],
      rows: allocations.map((allocation, index) => [
        index + 1, allocation.device.id, allocation.referral.id, agreementOn(social, allocation.allocatedAt).id, allocation.priceCents, allocation.allocatedBy.id, iso(allocation.allocatedAt),
      ]),
    },
  ];
}

/** A resident's row; one inactive for 24 months (no open referral) is anonymised, as the monthly job does. */
function beneficiaryRow(build: Build, beneficiary: BeneficiaryPlan): Row {
  const { random, until } = build;
  const anonymiseBefore = until - 24 * 30.44 * DAY;
  const lastActivity = Math.max(...beneficiary.referrals.map((plan) => Math.max(plan.createdAt, plan.acceptedAt ?? 0, plan.closedAt ?? 0)));
  const open = beneficiary.referrals.some((plan) => plan.status === 'submitted' || plan.status === 'accepted');
  const anonymisedAt = !open && lastActivity < anonymiseBefore ? Math.min(until - HOUR, lastActivity + 24 * 30.44 * DAY + random.between(0, 1) * DAY) : null;
  const eligibility = random.pick(ELIGIBILITY_BASES);
  const identity = [random.pick(FIRST_NAMES), random.pick(LAST_NAMES), random.int(1940, 2006), beneficiary.territory.postcode, beneficiary.territory.commune];
  const phone = random.chance(0.7) ? `06${random.code(8, '0123456789')}` : null;
  return [
    beneficiary.id, ...(anonymisedAt ? [null, null, null, null, null] : identity), beneficiary.territory.name, eligibility, anonymisedAt ? null : phone,
    iso(beneficiary.createdAt), beneficiary.referrer.id, beneficiary.referrer.id, iso(lastActivity), iso(anonymisedAt), iso(beneficiary.createdAt), iso(anonymisedAt ?? lastActivity), anonymisedAt ? 2 : 1,
  ];
}

/** One agreement per calendar year with the partner, commitments in proportion to the volume. */
function agreementPlans(start: number, until: number, devices: number, allocated: number) {
  const first = new Date(start).getUTCFullYear();
  const last = new Date(until).getUTCFullYear();
  const years = last - first + 1;
  const plans = [];
  for (let year = first; year <= last; year++) {
    plans.push({
      id: year - first + 1,
      startsOn: Date.UTC(year, 0, 1),
      endsOn: Date.UTC(year, 11, 31),
      devicesCommitted: Math.round((devices * 0.8) / 3),
      residentsCommitted: Math.round((allocated * 1.1) / Math.max(1, years - 1)),
      trainingsCommitted: Math.round((allocated * 0.5) / Math.max(1, years - 1)),
      priceCaps: { ...PARTNER_PRICE_CAPS } as Record<string, number>,
    });
  }
  return plans;
}

function throwIfNotBatchPath(status: DeviceStatus) {
  if (!['in_batch', 'handed_over', 'refurbished', 'recycled', 'allocated'].includes(status)) throw new Error(`no generator for ${status}`);
}

function throwIfMissingBatch(device: DevicePlan) {
  if (!device.batch) throw new Error(`device in ${device.status} without a batch`);
}
