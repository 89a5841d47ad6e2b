import { fromLocalInput, toLocalInput } from './choices.js';
import type { WipeTimes } from './DefaultMethodPanel.js';
import type { DefaultMethod } from './useDefaultMethod.js';
import type { MediumOutcome } from './MediaPanel.js';
import type { Medium, SanitizationInput } from './types.js';

const HOUR = 60 * 60_000;

/** The times fields' default: the last hour, kept up to date while `auto`. */
export function timesNow(): WipeTimes {
  const now = new Date();
  return { startedAt: toLocalInput(new Date(now.getTime() - HOUR)), finishedAt: toLocalInput(now), auto: true };
}

/** The wipe's start and end as ISO strings, or null when a field typed by hand is empty. */
export function wipeTimes(times: WipeTimes): { startedAt: string; finishedAt: string } | null {
  if (times.auto) {
    const now = Date.now();
    return { startedAt: new Date(now - HOUR).toISOString(), finishedAt: new Date(now).toISOString() };
  }
  const startedAt = fromLocalInput(times.startedAt);
  const finishedAt = fromLocalInput(times.finishedAt);
  if (!startedAt || !finishedAt) return null;
  return { startedAt, finishedAt };
}

/** What one click on a disk records: a shredding, or a wipe with the bench's usual method. */
export function sanitizationInput(medium: Medium, outcome: MediumOutcome, method: DefaultMethod, when: { startedAt: string; finishedAt: string }): SanitizationInput {
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
