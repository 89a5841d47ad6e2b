import type { EntityManager } from '@mikro-orm/postgresql';
import { Seeder } from '@mikro-orm/seeder';
import { User } from '../api/users/user.entity.js';
import { Device } from '../api/devices/device.entity.js';
import { DeviceEvent, type EventType } from '../api/devices/event.entity.js';
import { formatAssetTag } from '../api/devices/asset-tag.js';
import { hashPassword } from '../api/users/password.js';
import type { DeviceStatus, DeviceType } from '../api/devices/lifecycle.js';
import type { Role } from '../api/core/permissions.js';

export const DEMO_PASSWORD = 'demo-reemploi';

export const DEMO_ACCOUNTS: { email: string; name: string; role: Role; territory?: string }[] = [
  { email: 'admin@demo.reemploi.fr', name: 'Camille Administratrice', role: 'admin' },
  { email: 'technicien@demo.reemploi.fr', name: 'Karim Technicien', role: 'it_staff' },
  { email: 'emmaus@demo.reemploi.fr', name: 'Julie (Emmaüs Connect)', role: 'partner' },
  { email: 'social@demo.reemploi.fr', name: 'Sophie Travailleuse sociale', role: 'social_worker', territory: 'UTPAS Roubaix' },
  { email: 'pilotage@demo.reemploi.fr', name: 'Comité de pilotage', role: 'viewer' },
];

export const DEPOTS = ['Dépôt DSI — Lille', 'Antenne de Valenciennes', 'Antenne de Dunkerque'];
export const PARTNER_SITE = 'Emmaüs Connect — Lille';

const MODELS: { type: DeviceType; brand: string; model: string; cpu?: string; ramGb?: number; storage?: string; serial: () => string }[] = [
  { type: 'laptop', brand: 'Dell', model: 'Latitude 5490', cpu: 'Intel Core i5-8350U', ramGb: 8, storage: 'SSD 256 Go', serial: () => code(7) },
  { type: 'laptop', brand: 'Dell', model: 'Latitude 7400', cpu: 'Intel Core i5-8365U', ramGb: 16, storage: 'SSD 256 Go', serial: () => code(7) },
  { type: 'laptop', brand: 'Lenovo', model: 'ThinkPad T480', cpu: 'Intel Core i5-8250U', ramGb: 8, storage: 'SSD 256 Go', serial: () => `PF${code(6)}` },
  { type: 'laptop', brand: 'HP', model: 'ProBook 640 G4', cpu: 'Intel Core i5-8250U', ramGb: 8, storage: 'SSD 256 Go', serial: () => `5CG${code(7)}` },
  { type: 'laptop', brand: 'HP', model: 'EliteBook 840 G5', cpu: 'Intel Core i5-8350U', ramGb: 16, storage: 'NVMe 512 Go', serial: () => `5CG${code(7)}` },
  { type: 'desktop', brand: 'Dell', model: 'OptiPlex 7050', cpu: 'Intel Core i5-7500', ramGb: 8, storage: 'HDD 500 Go', serial: () => code(7) },
  { type: 'desktop', brand: 'HP', model: 'ProDesk 600 G3 SFF', cpu: 'Intel Core i5-6500', ramGb: 8, storage: 'HDD 500 Go', serial: () => `CZC${code(7)}` },
  { type: 'desktop', brand: 'Lenovo', model: 'ThinkCentre M710s', cpu: 'Intel Core i3-7100', ramGb: 4, storage: 'HDD 500 Go', serial: () => `MJ${code(6)}` },
  { type: 'monitor', brand: 'Dell', model: 'P2419H', serial: () => `CN-${code(10)}` },
  { type: 'monitor', brand: 'HP', model: 'EliteDisplay E243', serial: () => `CNC${code(7)}` },
  { type: 'tablet', brand: 'Samsung', model: 'Galaxy Tab A 10.1', ramGb: 2, storage: 'eMMC 32 Go', serial: () => `R52${code(8)}` },
  { type: 'smartphone', brand: 'Samsung', model: 'Galaxy A52', ramGb: 4, storage: 'UFS 128 Go', serial: () => `R58${code(8)}` },
  { type: 'printer', brand: 'HP', model: 'LaserJet Pro M404dn', serial: () => `PHB${code(7)}` },
];

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

// Deterministic pseudo-random numbers: the demo is the same on every machine.
let state = 20210215;
function random(): number {
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
function code(length: number): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
  return Array.from({ length }, () => pick([...alphabet])).join('');
}
const DAY = 24 * 3600 * 1000;

const REASONS: Partial<Record<DeviceStatus, string[]>> = {
  quarantined: ["Échec de l'effacement : secteurs illisibles", "Échec de l'effacement : disque non détecté"],
  recycled: ['Carte mère hors service', 'Écran cassé, réparation trop coûteuse', 'Batterie gonflée'],
  withdrawn: ['Réaffecté à un service du Département', 'Appareil déclaré volé', 'Pièce à conviction conservée par le service juridique'],
};

export class DemoSeeder extends Seeder {
  async run(em: EntityManager): Promise<void> {
    state = 20210215;
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const users = Object.fromEntries(
      DEMO_ACCOUNTS.map((account) => [
        account.role,
        em.create(User, { ...account, territory: account.territory ?? null, passwordHash, active: true, tokenVersion: 0 }),
      ]),
    ) as Record<Role, User>;
    await em.flush();

    const now = Date.now();
    let sequence = 0;
    for (const [finalStatus, count] of STATUS_COUNTS) {
      for (let n = 0; n < count; n++) {
        sequence++;
        const template = pick(MODELS);
        const depot = pick(DEPOTS);
        const registeredAt = new Date(now - (30 + Math.floor(random() * 330)) * DAY);
        const device = em.create(Device, {
          assetTag: formatAssetTag({ prefix: 'CD59', digits: 6 }, sequence),
          inventoryNumber: `CD59-INV-${String(2015000 + Math.floor(random() * 9000)).padStart(7, '0')}`,
          serialNumber: template.serial(),
          type: template.type,
          brand: template.brand,
          model: template.model,
          cpu: template.cpu ?? null,
          ramGb: template.ramGb ?? null,
          storageSummary: template.storage ?? null,
          year: 2016 + Math.floor(random() * 5),
          conditionGrade: pick(['A', 'B', 'B', 'C'] as const),
          originSite: depot,
          site: depot,
          status: 'registered',
          createdAt: registeredAt,
          updatedAt: registeredAt,
          labelPrintedAt: null,
        });
        const events: { type: EventType; from?: DeviceStatus; to?: DeviceStatus; actor: User; reason?: string; site: string }[] = [
          { type: random() < 0.6 ? 'imported' : 'registered', to: 'registered', actor: users.it_staff, site: depot },
        ];
        if (finalStatus !== 'registered' || random() < 0.5) events.push({ type: 'label_printed', actor: users.it_staff, site: depot });
        let status: DeviceStatus = 'registered';
        let site = depot;
        const path = [...PATHS[finalStatus]];
        if (path[0] === 'sanitized' && random() < 0.1) path.unshift('quarantined');
        for (const next of path) {
          const byPartner = ['handed_over', 'refurbished', 'recycled', 'allocated'].includes(next);
          if (next === 'handed_over') site = PARTNER_SITE;
          events.push({
            type: 'transition',
            from: status,
            to: next,
            actor: next === 'withdrawn' ? users.admin : byPartner ? users.partner : users.it_staff,
            reason: REASONS[next] ? pick(REASONS[next]!) : undefined,
            site,
          });
          status = next;
        }
        device.status = status;
        device.site = site;
        if (['sanitized', 'in_batch', 'handed_over', 'refurbished', 'recycled', 'allocated'].includes(status)) {
          device.certificateNumber = `CERT-${registeredAt.getFullYear()}-${String(sequence).padStart(6, '0')}`;
        }
        const span = Math.max(1, now - registeredAt.getTime() - DAY);
        events.forEach((event, index) => {
          const at = new Date(registeredAt.getTime() + (span * index) / Math.max(events.length, 2) + index * 60_000);
          if (event.type === 'label_printed') device.labelPrintedAt = at;
          em.create(DeviceEvent, {
            device,
            type: event.type,
            fromStatus: event.from ?? null,
            toStatus: event.to ?? null,
            actor: event.actor,
            at,
            site: event.site,
            reason: event.reason ?? null,
            details: null,
          });
          device.updatedAt = at;
        });
      }
    }
    await em.flush();
    await em.getConnection().execute(`select setval('asset_tag_seq', ?)`, [sequence]);
  }
}
