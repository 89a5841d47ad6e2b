import type { RaRecord } from 'react-admin';
import type {
  MediaKind,
  SanitizationCategory,
  SanitizationResult,
  SanitizationTechnique,
  Verification,
} from '../../../api/sanitization/nist.js';

export type { MediaKind, SanitizationCategory, SanitizationResult, SanitizationTechnique, Verification };

export type SanitizationSource = 'manual' | 'nwipe_log' | 'nwipe_json';

/** A storage medium (`GET /api/media`). */
export interface Medium extends RaRecord {
  id: number;
  device: number;
  assetTag: string;
  kind: MediaKind;
  serialNumber: string;
  model: string | null;
  capacityGb: number | null;
  lastResult: SanitizationResult | null;
  createdAt: string;
}

/** One wipe (or destruction) of one medium (`GET /api/sanitizations`), append-only. */
export interface SanitizationRecord extends RaRecord {
  id: number;
  medium: number;
  mediumSerialNumber: string;
  device: number;
  assetTag: string;
  category: SanitizationCategory;
  technique: SanitizationTechnique;
  tool: string;
  toolVersion: string | null;
  startedAt: string;
  finishedAt: string;
  passes: number | null;
  verification: Verification;
  result: SanitizationResult;
  errors: string | null;
  operator: number;
  operatorName: string;
  source: SanitizationSource;
  hostSerial: string | null;
  createdAt: string;
}

export interface SanitizationInput {
  medium: number;
  technique: SanitizationTechnique;
  tool: string;
  toolVersion?: string | null;
  startedAt: string;
  finishedAt: string;
  passes?: number | null;
  verification: Verification;
  result: SanitizationResult;
  errors?: string | null;
}

/** What `POST /api/sanitizations/import` answers for one nwipe / ShredOS log or JSON report. */
export interface LogImportReport {
  tool: string;
  toolVersion: string | null;
  hostSerial: string | null;
  hostAssetTag: string | null;
  disks: number;
  recorded: { serialNumber: string; assetTag: string; result: SanitizationResult; method: string }[];
  failed: { serialNumber: string; assetTag: string; errors: string | null }[];
  alreadyImported: { serialNumber: string; assetTag: string }[];
  mediaCreated: { serialNumber: string; assetTag: string }[];
  unmatched: { serialNumber: string | null; model: string | null; reason: string }[];
  devicesSanitized: string[];
  devicesQuarantined: string[];
  warnings: string[];
}
