import type { RaRecord } from 'react-admin';
import type { BatchStatus } from '../../../api/batches/batch.entity.js';
import type { Device, DeviceType } from '../types.js';

export type { BatchStatus };

export const BATCH_STATUSES: readonly BatchStatus[] = ['draft', 'ready', 'picked_up', 'disputed', 'closed'];

export interface Batch extends RaRecord {
  id: number;
  reference: string;
  site: string;
  partner: string;
  /** A calendar day (YYYY-MM-DD), not an instant. */
  plannedAt: string | null;
  status: BatchStatus;
  notes: string | null;
  deviceCount: number;
  countsByType: Partial<Record<DeviceType, number>>;
  readyAt: string | null;
  pickedUpAt: string | null;
  pickedUpByName: string | null;
  discrepancy: string | null;
  missingAssetTags: string[] | null;
  closedAt: string | null;
  version: number;
  createdAt: string;
}

/** A device as the batch screens show it: the partner's refurbishment grade comes with it. */
export interface BatchDevice extends Device {
  refurbishedGrade: 'A' | 'B' | 'C' | null;
}

export interface AddToBatchResult {
  added: string[];
  alreadyInBatch: string[];
  refused: { id: number | null; assetTag: string | null; reason: string }[];
}

export interface PickupResult {
  batch: Batch;
  handedOver: string[];
  missing: string[];
}

export type RefurbishGrade = 'A' | 'B' | 'C';

export type Outcome =
  | { to: 'refurbished'; grade?: RefurbishGrade; notes?: string }
  | { to: 'recycled'; reason: string };

/** A batch's content can change only while it is being prepared; after pickup it can be closed. */
export const isFrozen = (status: BatchStatus) => status !== 'draft';
export const canBeClosed = (status: BatchStatus) => status === 'picked_up' || status === 'disputed';
export const hasManifest = (status: BatchStatus) => status !== 'draft';
