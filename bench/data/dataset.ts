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
  COLLECTION_SITES,
  DEPOTS,
  FIRST_NAMES,
  LAST_NAMES,
  MODELS,
  PARTNER,
  REASONS,
  STATUS_SHARES,
  TERRITORIES,
  WIPE,
  type ModelEntry,
} from './catalogue.js';
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
  model: ModelEntry;
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

/** Builds every table of the dataset. */
export function buildDataset(options: DatasetOptions): Table[] {
  const random = new Random(options.seed);
  const until = options.until.getTime();
  const start = until - 3 * 365 * DAY;
  const count = options.devices;

  // ---------- users ----------
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
  const technician = () => random.pick(technicians);
  const partnerUser = () => random.pick(partners);

  // ---------- how many devices end in each state ----------
  const shareTotal = STATUS_SHARES.reduce((sum, [, share]) => sum + share, 0);
  const statusCounts = new Map<DeviceStatus, number>(STATUS_SHARES.map(([status, share]) => [status, Math.floor((count * share) / shareTotal)]));
  statusCounts.set('registered', statusCounts.get('registered')! + count - [...statusCounts.values()].reduce((a, b) => a + b, 0));

  // ---------- batch schedule: more pickups lately (the programme grows) ----------
  const batchPathStatuses: DeviceStatus[] = ['in_batch', 'handed_over', 'refurbished', 'recycled', 'allocated'];
  const batchPathCount = batchPathStatuses.reduce((sum, status) => sum + statusCounts.get(status)!, 0);
  const totalBatches = Math.max(6, Math.round(count / 200));
  const batchSize = batchPathCount / totalBatches;
  const openBatches = Math.min(totalBatches - 2, Math.max(2, Math.round(statusCounts.get('in_batch')! / batchSize)));
  const pickedUpBatches = totalBatches - openBatches;
  const depotWeights = DEPOTS.map((name, index) => ({ name, weight: index === 0 ? 4 : 1.5 }));
  const batches: BatchPlan[] = [];
  const firstPickup = start + 45 * DAY;
  const lastPickup = until - 3 * DAY;
  for (let k = 0; k < pickedUpBatches; k++) {
    const pickedUpAt = firstPickup + Math.sqrt((k + random.next()) / pickedUpBatches) * (lastPickup - firstPickup);
    const readyAt = pickedUpAt - random.between(1, 4) * DAY;
    batches.push({
      id: 0,
      reference: '',
      site: random.weighted(depotWeights).name,
      status: pickedUpAt < until - 45 * DAY ? 'closed' : 'picked_up',
      createdAt: readyAt - random.between(3, 20) * DAY,
      readyAt,
      pickedUpAt,
      closedAt: pickedUpAt < until - 45 * DAY ? pickedUpAt + 30 * DAY : null,
      createdBy: technician(),
      pickedUpBy: partnerUser(),
      plannedAt: pickedUpAt,
      devices: [],
    });
  }
  for (let k = 0; k < openBatches; k++) {
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
      createdBy: technician(),
      pickedUpBy: null,
      plannedAt: readyAt ? readyAt + random.between(2, 8) * DAY : null,
      devices: [],
    });
  }
  // LOT-2025-0001: numbered per year of creation, in creation order
  batches.sort((a, b) => a.createdAt - b.createdAt);
  const perYear = new Map<number, number>();
  batches.forEach((batch, index) => {
    const year = new Date(batch.createdAt).getUTCFullYear();
    perYear.set(year, (perYear.get(year) ?? 0) + 1);
    batch.id = index + 1;
    batch.reference = `LOT-${year}-${String(perYear.get(year)).padStart(4, '0')}`;
  });

  // ---------- devices: identity ----------
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
  const storageModels = MODELS.filter((model) => model.storage);
  const devices: DevicePlan[] = statuses.map((status) => {
    let model = random.weighted(MODELS);
    // only a device with a disk can fail its wipe
    if (status === 'quarantined' && !model.storage) model = random.weighted(storageModels);
    const depot = random.weighted(depotWeights).name;
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
      serialNumber: uniqueSerial(() => `${model.serialPrefix}${random.code(model.serialLength)}`),
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

  // ---------- devices → batches ----------
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

  // ---------- media, wipes, certificates ----------
  const media: MediumPlan[] = [];
  const sanitizations: SanitizationPlan[] = [];
  const certificates: CertificatePlan[] = [];
  const mediumSerials = new Set<string>();

  const event = (device: DevicePlan, at: number, type: EventType, actor: Actor, extra: Partial<Pick<EventRow, 'from' | 'to' | 'site' | 'reason' | 'details'>> = {}) => {
    device.events.push({ at, device, type, actor, from: extra.from ?? null, to: extra.to ?? null, site: extra.site ?? device.site, reason: extra.reason ?? null, details: extra.details ?? null });
  };
  const change = (device: DevicePlan, at: number) => {
    device.version++;
    device.updatedAt = Math.max(device.updatedAt, at);
  };
  const transition = (device: DevicePlan, at: number, from: DeviceStatus, to: DeviceStatus, actor: Actor, extra: Partial<Pick<EventRow, 'reason' | 'details' | 'site'>> = {}) => {
    event(device, at, 'transition', actor, { from, to, ...extra });
    change(device, at);
  };

  /**
   * The wiping station, ending with the device sanitized at `sanitizedAt` (or quarantined at
   * `quarantinedAt` when it never succeeds). Returns the time of its first step.
   */
  const wipe = (device: DevicePlan, ending: { sanitizedAt: number; retried: boolean } | { quarantinedAt: number }): number => {
    const tech = technician();
    const storage = device.model.storage;
    // the wiping station is at the depot (this runs before the registration is written)
    const site = device.depot;
    if (!storage) {
      const at = (ending as { sanitizedAt: number }).sanitizedAt;
      event(device, at - MINUTE, 'no_storage', tech, { site });
      device.noStorage = true;
      change(device, at - MINUTE);
      const certificate: CertificatePlan = { device, issuedAt: at, issuedBy: tech, records: [] };
      certificates.push(certificate);
      device.certificates.push(certificate);
      transition(device, at, 'registered', 'sanitized', tech, { site, details: () => ({ certificateNumber: certificate.number }) });
      return at - MINUTE;
    }
    const disks = device.model.type === 'desktop' && random.chance(0.05) ? 2 : 1;
    const wipeMinutes = WIPE[storage.kind].minutes * random.between(0.8, 1.3);
    const firstWipeEnd = 'quarantinedAt' in ending ? ending.quarantinedAt : ending.retried ? ending.sanitizedAt - random.between(1, 14) * DAY : ending.sanitizedAt;
    const addedAt = firstWipeEnd - wipeMinutes * MINUTE - random.between(5, 60) * MINUTE;
    const mediums: MediumPlan[] = [];
    for (let disk = 0; disk < disks; disk++) {
      let serialNumber: string;
      do serialNumber = `${storage.prefix}${random.code(10)}`;
      while (mediumSerials.has(serialNumber));
      mediumSerials.add(serialNumber);
      const medium: MediumPlan = { device, kind: storage.kind, serialNumber, model: storage.model, capacityGb: storage.capacityGb, createdBy: tech, createdAt: addedAt + disk * MINUTE };
      media.push(medium);
      mediums.push(medium);
      event(device, medium.createdAt, 'medium_added', tech, { site, details: { serialNumber, kind: storage.kind, model: storage.model, capacityGb: storage.capacityGb } });
    }
    const record = (medium: MediumPlan, finishedAt: number, success: boolean) => {
      const errors = success ? null : random.pick(REASONS.wipeFailure);
      const plan: SanitizationPlan = { medium, device, startedAt: finishedAt - wipeMinutes * MINUTE, finishedAt, success, errors, operator: tech };
      sanitizations.push(plan);
      const method = WIPE[medium.kind];
      event(device, finishedAt, 'sanitization', tech, {
        site,
        reason: errors,
        details: { medium: medium.serialNumber, technique: method.technique, category: method.category, result: success ? 'success' : 'failure', tool: method.tool },
      });
      return plan;
    };
    const failed = 'quarantinedAt' in ending || ending.retried;
    const firstRecords = mediums.map((medium, index) => record(medium, firstWipeEnd + index * MINUTE, !failed || index > 0));
    if (failed) {
      const at = firstWipeEnd + disks * MINUTE;
      transition(device, at, 'registered', 'quarantined', tech, { site, reason: `Échec de l'effacement — ${mediums[0].serialNumber} : ${firstRecords[0].errors}` });
    }
    if ('quarantinedAt' in ending) return addedAt;
    const finalRecords = failed ? [record(mediums[0], ending.sanitizedAt - disks * MINUTE, true), ...firstRecords.slice(1)] : firstRecords;
    const certificate: CertificatePlan = { device, issuedAt: ending.sanitizedAt, issuedBy: tech, records: finalRecords };
    certificates.push(certificate);
    device.certificates.push(certificate);
    transition(device, ending.sanitizedAt, failed ? 'quarantined' : 'registered', 'sanitized', tech, { site, details: () => ({ certificateNumber: certificate.number }) });
    return addedAt;
  };

  /** Registration (or import), label, a move from a collection point to the depot, a correction. */
  const register = (device: DevicePlan, registeredAt: number, nextStepAt: number) => {
    const tech = technician();
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
        event(device, at, 'moved', tech, { site: device.depot, reason: random.pick(REASONS.moved), details: { fromSite } });
        change(device, at);
        device.atDepotFrom = at;
      }
    } else {
      device.atDepotFrom = registeredAt;
    }
  };

  /** From the shelf to the partner: into a batch, picked up, then refurbished, recycled or allocated. */
  const throughBatch = (device: DevicePlan) => {
    const batch = device.batch!;
    const tech = batch.createdBy;
    const batchedAt = batch.createdAt + random.next() * ((batch.readyAt ?? until - HOUR) - batch.createdAt);
    const sanitizedAt = batchedAt - random.between(1, 90) * DAY;
    const retried = !!device.model.storage && random.chance(0.1);
    const firstStep = wipe(device, { sanitizedAt, retried });
    register(device, firstStep - random.between(1, 45) * DAY, firstStep);
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
      transition(device, outcomeAt, 'handed_over', 'recycled', partnerUser(), { reason: random.pick(REASONS.recycled) });
      return;
    }
    device.refurbishedGrade = random.pick(['A', 'B', 'B', 'C']);
    transition(device, outcomeAt, 'handed_over', 'refurbished', partnerUser(), { details: { grade: device.refurbishedGrade } });
    if (device.status === 'allocated') {
      const left = (until - outcomeAt) / DAY;
      device.allocatedAt = outcomeAt + random.between(Math.min(1, left * 0.2), Math.min(150, left * 0.9)) * DAY;
    }
  };

  for (const device of devices) {
    switch (device.status) {
      case 'registered': {
        const registeredAt = until - random.between(0.2, 45) * DAY;
        register(device, registeredAt, Math.min(until, registeredAt + random.between(1, 10) * DAY));
        break;
      }
      case 'quarantined': {
        const firstStep = wipe(device, { quarantinedAt: until - random.between(1, 60) * DAY });
        register(device, firstStep - random.between(1, 45) * DAY, firstStep);
        break;
      }
      case 'sanitized': {
        const firstStep = wipe(device, { sanitizedAt: until - random.between(1, 120) * DAY, retried: !!device.model.storage && random.chance(0.1) });
        register(device, firstStep - random.between(1, 45) * DAY, firstStep);
        break;
      }
      case 'withdrawn': {
        const withdrawnAt = until - random.between(1, 900) * DAY;
        let from: DeviceStatus = 'registered';
        if (random.chance(0.4)) {
          const firstStep = wipe(device, { sanitizedAt: withdrawnAt - random.between(1, 60) * DAY, retried: false });
          register(device, firstStep - random.between(1, 45) * DAY, firstStep);
          from = 'sanitized';
        } else {
          const registeredAt = withdrawnAt - random.between(1, 60) * DAY;
          register(device, registeredAt, withdrawnAt);
        }
        transition(device, withdrawnAt, from, 'withdrawn', random.pick(admins), { reason: random.pick(REASONS.withdrawn) });
        device.atDepotUntil = withdrawnAt;
        break;
      }
      default:
        throwIfNotBatchPath(device.status);
        throwIfMissingBatch(device);
        throughBatch(device);
    }
  }

  // ---------- referrals, beneficiaries, allocations ----------
  const voucherCodes = new Set<string>();
  const voucher = () => {
    for (;;) {
      const body = random.code(7, VOUCHER_ALPHABET);
      for (const check of VOUCHER_ALPHABET) {
        const code = normaliseVoucherCode(body + check);
        if (code && !voucherCodes.has(code)) {
          voucherCodes.add(code);
          return code;
        }
      }
    }
  };
  const beneficiaries: BeneficiaryPlan[] = [];
  const newBeneficiary = (createdAt: number) => {
    const territory = random.weighted(TERRITORIES);
    const beneficiary: BeneficiaryPlan = { territory, referrer: socialWorkers.get(territory.name)!, createdAt, referrals: [] };
    beneficiaries.push(beneficiary);
    return beneficiary;
  };
  const referral = (beneficiary: BeneficiaryPlan, status: ReferralStatus, need: string, createdAt: number, acceptedAt: number | null, closedAt: number | null) => {
    const plan: ReferralPlan = {
      beneficiary,
      referrer: beneficiary.referrer,
      territory: beneficiary.territory.name,
      need,
      trainingWanted: random.chance(0.45),
      status,
      voucherCode: voucher(),
      refusalReason: status === 'refused' ? random.pick(['unreachable', 'did_not_come', 'not_eligible', 'need_already_met', 'duplicate']) : null,
      createdAt,
      acceptedAt,
      closedAt,
      acceptedBy: acceptedAt ? partnerUser() : null,
    };
    beneficiary.referrals.push(plan);
    return plan;
  };
  const allocations: { device: DevicePlan; referral: ReferralPlan; priceCents: number; allocatedBy: Actor; allocatedAt: number }[] = [];
  const agreements = agreementPlans(start, until, count, statusCounts.get('allocated')!);
  for (const device of devices.filter((candidate) => candidate.status === 'allocated')) {
    const allocatedAt = device.allocatedAt!;
    const createdAt = allocatedAt - random.between(10, 90) * DAY;
    const beneficiary = newBeneficiary(createdAt);
    if (random.chance(0.1)) {
      // an earlier referral that expired before this one
      const earlier = createdAt - random.between(120, 400) * DAY;
      referral(beneficiary, 'expired', random.pick(['laptop', 'desktop', 'tablet']), earlier, null, earlier + 90 * DAY + 2 * HOUR);
      beneficiary.createdAt = earlier;
    }
    const equipped = referral(beneficiary, 'equipped', device.model.type, createdAt, createdAt + (allocatedAt - createdAt) * random.between(0.3, 0.95), allocatedAt);
    const allocatedBy = partnerUser();
    const agreement = agreements.find((candidate) => allocatedAt >= candidate.startsOn && allocatedAt < candidate.endsOn + DAY) ?? agreements[agreements.length - 1];
    const cap = agreement.priceCaps[device.model.type] ?? 30;
    allocations.push({ device, referral: equipped, priceCents: Math.round(cap * random.between(0.5, 1)) * 100, allocatedBy, allocatedAt });
    transition(device, allocatedAt, 'refurbished', 'allocated', allocatedBy, { details: () => ({ referral: equipped.id, voucherCode: equipped.voucherCode }) });
  }
  const openStatuses: { status: ReferralStatus; weight: number }[] = [
    { status: 'submitted', weight: 20 },
    { status: 'accepted', weight: 15 },
    { status: 'refused', weight: 15 },
    { status: 'cancelled', weight: 10 },
    { status: 'expired', weight: 40 },
  ];
  const others = Math.max(0, Math.round(count / 5) - beneficiaries.length);
  for (let n = 0; n < others; n++) {
    const { status } = random.weighted(openStatuses);
    const need = random.pick(['laptop', 'laptop', 'laptop', 'desktop', 'tablet', 'smartphone']);
    if (status === 'submitted') {
      const createdAt = until - random.between(0.5, 30) * DAY;
      referral(newBeneficiary(createdAt), status, need, createdAt, null, null);
    } else if (status === 'accepted') {
      const createdAt = until - random.between(3, 60) * DAY;
      referral(newBeneficiary(createdAt), status, need, createdAt, createdAt + random.between(1, 3) * DAY, null);
    } else if (status === 'expired') {
      const createdAt = until - random.between(95, 1000) * DAY;
      referral(newBeneficiary(createdAt), status, need, createdAt, null, createdAt + 90 * DAY + 2 * HOUR);
    } else {
      const createdAt = until - random.between(5, 1000) * DAY;
      referral(newBeneficiary(createdAt), status, need, createdAt, null, createdAt + random.between(2, 20) * DAY);
    }
  }

  // ---------- stock-takes: every month at every depot, every device on the shelf is scanned ----------
  const audits: { id: number; site: string; at: number; tech: Actor; scans: DevicePlan[] }[] = [];
  const firstMonth = new Date(start);
  for (let month = new Date(Date.UTC(firstMonth.getUTCFullYear(), firstMonth.getUTCMonth(), 10, 7)); month.getTime() < until - DAY; month.setUTCMonth(month.getUTCMonth() + 1)) {
    for (const site of DEPOTS) audits.push({ id: audits.length + 1, site, at: month.getTime(), tech: technician(), scans: [] });
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

  // ---------- ids follow time, as in a database that grew day by day ----------
  devices.sort((a, b) => a.registeredAt - b.registeredAt);
  const format = { prefix: 'CD59', digits: Math.max(6, String(count * 3).length) };
  devices.forEach((device, index) => {
    device.id = index + 1;
    device.assetTag = formatAssetTag(format, device.id);
  });
  media.sort((a, b) => a.createdAt - b.createdAt).forEach((medium, index) => (medium.id = index + 1));
  sanitizations.sort((a, b) => a.finishedAt - b.finishedAt).forEach((record, index) => (record.id = index + 1));
  certificates.sort((a, b) => a.issuedAt - b.issuedAt).forEach((certificate, index) => {
    certificate.id = index + 1;
    certificate.number = `CS-${new Date(certificate.issuedAt).getUTCFullYear()}-${String(certificate.id).padStart(6, '0')}-${random.code(4, 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789')}`;
  });
  const referrals = beneficiaries.flatMap((beneficiary) => beneficiary.referrals).sort((a, b) => a.createdAt - b.createdAt);
  referrals.forEach((plan, index) => (plan.id = index + 1));
  beneficiaries.sort((a, b) => a.createdAt - b.createdAt).forEach((beneficiary, index) => (beneficiary.id = index + 1));
  allocations.sort((a, b) => a.allocatedAt - b.allocatedAt);
  const events = devices.flatMap((device) => device.events).sort((a, b) => a.at - b.at || a.device.id - b.device.id);
  events.forEach((row, index) => (row.id = index + 1));

  const iso = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms));
  const day = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString().slice(0, 10));
  const anonymiseBefore = until - 24 * 30.44 * DAY;

  return [
    {
      name: 'users',
      columns: ['id', 'email', 'name', 'role', 'territory', 'organisation', 'password_hash', 'active', 'token_version', 'created_at', 'updated_at'],
      rows: users.map((user) => [user.id, user.email, user.name, user.role, user.territory, user.organisation, options.passwordHash, true, 0, iso(start - 30 * DAY), iso(start - 30 * DAY)]),
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
    {
      name: 'devices',
      columns: ['id', 'asset_tag', 'inventory_number', 'serial_number', 'hostname', 'type', 'brand', 'model', 'cpu', 'ram_gb', 'storage_summary', 'year', 'condition_grade', 'origin_site', 'site', 'status',
        'certificate_number', 'label_printed_at', 'version', 'created_at', 'updated_at', 'no_storage', 'batch_id', 'refurbished_grade'],
      rows: devices.map((device) => {
        const storage = device.model.storage;
        return [
          device.id, device.assetTag, device.inventoryNumber, device.serialNumber, device.hostname, device.model.type, device.model.brand, device.model.model, device.model.cpu ?? null,
          device.ramGb, storage ? `${storage.kind.toUpperCase()} ${storage.capacityGb} Go` : null, device.year, device.conditionGrade, device.origin, device.site, device.status,
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
        const method = WIPE[record.medium.kind];
        return [
          record.id, record.medium.id, record.device.id, method.category, method.technique, method.tool, method.version, iso(record.startedAt), iso(record.finishedAt), method.passes,
          method.tool === 'nwipe' ? 'last_pass' : 'none', record.success ? 'success' : 'failure', record.errors, record.operator.id, method.tool === 'nwipe' ? 'nwipe_log' : 'manual', iso(record.finishedAt + 2 * MINUTE),
        ];
      }),
    },
    {
      name: 'certificates',
      columns: ['id', 'number', 'device_id', 'issued_at', 'issued_by_id', 'sanitization_ids', 'method_summary'],
      rows: certificates.map((certificate) => {
        const records = certificate.records.map((record) => ({ category: WIPE[record.medium.kind].category, technique: WIPE[record.medium.kind].technique }));
        return [certificate.id, certificate.number, certificate.device.id, iso(certificate.issuedAt), certificate.issuedBy.id, certificate.records.map((record) => record.id), methodSummary(records)];
      }),
    },
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
    {
      name: 'events',
      columns: ['id', 'device_id', 'type', 'from_status', 'to_status', 'actor_id', 'at', 'site', 'reason', 'details'],
      rows: events.map((row) => [row.id, row.device.id, row.type, row.from, row.to, row.actor.id, iso(row.at), row.site, row.reason, typeof row.details === 'function' ? row.details() : row.details]),
    },
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
      rows: beneficiaries.map((beneficiary) => {
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
      }),
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
      rows: allocations.map((allocation, index) => {
        const agreement = agreements.find((candidate) => allocation.allocatedAt >= candidate.startsOn && allocation.allocatedAt < candidate.endsOn + DAY) ?? agreements[agreements.length - 1];
        return [index + 1, allocation.device.id, allocation.referral.id, agreement.id, allocation.priceCents, allocation.allocatedBy.id, iso(allocation.allocatedAt)];
      }),
    },
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
      priceCaps: { laptop: 150, desktop: 120, tablet: 90, smartphone: 90, monitor: 30, printer: 40, other: 30 } as Record<string, number>,
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
