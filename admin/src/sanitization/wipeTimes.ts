import { fromLocalInput, toLocalInput } from './choices.js';
import type { WipeTimes } from './DefaultMethodPanel.js';
import type { DefaultMethod } from './useDefaultMethod.js';
import type { MediumOutcome } from './MediaPanel.js';
import type { Medium, SanitizationInput } from './types.js';

type WipeWhen = { startedAt: string | null; finishedAt: string };

/**
 * The times fields' default: the end is now (kept up to date while `auto`), the start is left
 * empty. Nobody knows when the wipe started unless the technician types it: the certificate then
 * says « heure de fin seulement » instead of an invented start.
 */
export function timesNow(): WipeTimes {
  return { startedAt: '', finishedAt: toLocalInput(new Date()), auto: true };
}

/** The wipe's start (null when not given) and end as ISO strings, or null when the end typed by hand is empty. */
export function wipeTimes(times: WipeTimes): WipeWhen | null {
  if (times.auto) return { startedAt: null, finishedAt: new Date().toISOString() };
  const finishedAt = fromLocalInput(times.finishedAt);
  if (!finishedAt) return null;
  return { startedAt: fromLocalInput(times.startedAt) || null, finishedAt };
}

/** What one click on a disk records: a shredding, or a wipe with the bench's usual method. */
export function sanitizationInput(medium: Medium, outcome: MediumOutcome, method: DefaultMethod, when: WipeWhen): SanitizationInput {
  return outcome.result === 'destroyed'
    ? { medium: medium.id, technique: 'shred', tool: outcome.tool, toolVersion: null, passes: null, verification: 'none', result: 'success', ...when }
    : {
        medium: medium.id,
        technique: method.technique,
        tool: method.tool.trim() || 'nwipe',
        toolVersion: method.toolVersion.trim() || null,
        passes: method.passes,
        verification: method.verification,
        result: outcome.result,
        errors: outcome.result === 'failure' ? outcome.errors : null,
        ...when,
      };
}
