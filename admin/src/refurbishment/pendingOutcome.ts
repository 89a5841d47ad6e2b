import type { Outcome } from '../batches/types.js';

/** An outcome waiting for the confirmation dialog. */
export interface PendingOutcome {
  to: Outcome['to'];
  /** By asset tag: a tag scanned offline and not looked up yet gets its outcome too. */
  assetTags: string[];
  /** Where it was asked from: the list selection is cleared once recorded. */
  source: 'pile' | 'selection' | 'row';
}
