import type { Outcome } from '../batches/types.js';
import type { Device } from '../types.js';

/** The devices the API would not move, and why (all-or-nothing: none was moved). */
export type Refused = { assetTag: string; reason: string }[];

/** An outcome waiting for the confirmation dialog. */
export interface PendingOutcome {
  to: Outcome['to'];
  devices: Pick<Device, 'id' | 'assetTag' | 'version'>[];
  /** Where it was asked from: the scanned pile is emptied, the list selection cleared. */
  source: 'pile' | 'selection' | 'row';
}
