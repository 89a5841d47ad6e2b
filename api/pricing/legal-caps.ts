import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError } from '../core/errors.js';
import type { DeviceType } from '../devices/lifecycle.js';

/** One line of the décret of 7 November 2022, as the migration stored it (table `legal_price_caps`). */
export interface LegalPriceCap {
  equipment: string;
  /** The Réemploi type it caps; null for a line with no such type (multifunction printer). */
  deviceType: DeviceType | null;
  label: string;
  maxPrice: number;
  source: string;
}

export async function loadLegalCaps(em: EntityManager): Promise<LegalPriceCap[]> {
  const rows = await em.execute<{ equipment: string; device_type: DeviceType | null; label: string; max_price_cents: number; source: string }[]>(
    `select equipment, device_type, label, max_price_cents, source from legal_price_caps order by position`,
  );
  return rows.map((row) => ({ equipment: row.equipment, deviceType: row.device_type, label: row.label, maxPrice: row.max_price_cents / 100, source: row.source }));
}

const EUROS = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
const euros = (value: number) => EUROS.format(value).replace(/\u202f/g, '\u00a0');

export interface CapIssue {
  path: string;
  message: string;
}

/**
 * Prices per device type (an agreement's caps, a grid's prices) checked against the legal maximum
 * of their type: one issue per price above it; a price equal to it is allowed. `what` names the
 * price in the message (« Le plafond », « Le prix Premium »).
 */
export function legalCapIssues(legalCaps: LegalPriceCap[], prices: { path: string; type: string; price: number; what: string }[]): CapIssue[] {
  return prices.flatMap(({ path, type, price, what }) => {
    const legal = legalCaps.find((cap) => cap.deviceType === type);
    if (!legal || price <= legal.maxPrice) return [];
    return [{ path, message: `${what} (${euros(price)}) dépasse le prix maximal de revente fixé par le décret du 7 novembre 2022 pour « ${legal.label} » : ${euros(legal.maxPrice)}.` }];
  });
}

/** 422 naming every price above the law, each with its field. */
export function aboveLegalCap(intro: string, issues: CapIssue[]): AppError {
  return new AppError(422, 'ABOVE_LEGAL_CAP', `${intro} ${issues.map((issue) => issue.message).join(' ')}`, issues);
}
