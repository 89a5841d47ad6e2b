import {
  MEDIA_KINDS,
  SANITIZATION_CATEGORIES,
  SANITIZATION_RESULTS,
  SANITIZATION_TECHNIQUES,
  TECHNIQUE_CATEGORY,
  VERIFICATIONS,
} from '../../../api/sanitization/nist.js';
import { everyValueOf, type DeviceStatus, type DeviceType } from '../types.js';
import type { MediaKind, SanitizationResult, SanitizationSource, SanitizationTechnique } from './types.js';

export { TECHNIQUE_CATEGORY };

/** react-admin choices; names are i18n keys. */
export const kindChoices = MEDIA_KINDS.map((id) => ({ id, name: `resources.media.kinds.${id}` }));
export const techniqueChoices = SANITIZATION_TECHNIQUES.map((id) => ({ id, name: `resources.sanitizations.techniques.${id}` }));
export const categoryChoices = SANITIZATION_CATEGORIES.map((id) => ({ id, name: `resources.sanitizations.categories.${id}` }));
export const verificationChoices = VERIFICATIONS.map((id) => ({ id, name: `resources.sanitizations.verifications.${id}` }));
export const resultChoices = SANITIZATION_RESULTS.map((id) => ({ id, name: `resources.sanitizations.results.${id}` }));
const SOURCES = everyValueOf<SanitizationSource>()(['manual', 'nwipe_log', 'nwipe_json']);
export const sourceChoices = SOURCES.map((id) => ({ id, name: `resources.sanitizations.sources.${id}` }));

/** Techniques a technician picks for the "Effacé ✔" button: destruction has its own button. */
export const WIPE_TECHNIQUES: readonly SanitizationTechnique[] = SANITIZATION_TECHNIQUES.filter((technique) => TECHNIQUE_CATEGORY[technique] !== 'destroy');

/** The usual storage of each device type, so the kind is right without touching the list. */
export function defaultKindFor(type: DeviceType): MediaKind {
  switch (type) {
    case 'laptop':
      return 'ssd';
    case 'tablet':
    case 'smartphone':
      return 'emmc';
    case 'desktop':
      return 'hdd';
    default:
      return 'other';
  }
}

/** Media on which an overwrite does not reach every cell (wear levelling): NIST SP 800-88 asks for a purge. */
export const FLASH_KINDS: readonly MediaKind[] = ['ssd', 'nvme', 'emmc'];

/** Media and records are only added while the device is at the wiping stage (the API says the same). */
export const WIPING_STATUSES: readonly DeviceStatus[] = ['registered', 'quarantined'];

/** WCAG AA pairs, the same greens and reds as the device statuses. */
export const RESULT_COLORS: Record<SanitizationResult | 'none', { background: string; color: string }> = {
  success: { background: '#d3eedb', color: '#114d1f' },
  failure: { background: '#f8d6d4', color: '#8b1610' },
  none: { background: '#e3e6ea', color: '#1b1f24' },
};

const pad = (value: number) => String(value).padStart(2, '0');

/** `YYYY-MM-DDTHH:mm` in local time, what an `<input type="datetime-local">` shows. */
export function toLocalInput(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Back to an ISO date with offset for the API; null if the field is empty or unreadable. */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
