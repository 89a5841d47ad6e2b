import type { RaRecord } from 'react-admin';
import type { Summary } from '../../../api/reports/indicators.js';
import type { ReportParameters } from '../../../api/reports/indicators.js';
import type { FactorValues } from '../../../api/reports/factor-values.js';

export type { Summary, FactorValues, ReportParameters };

/** `GET /api/reports` rows: a kept workbook with its parameters and the factor values it used. */
export interface StoredReportRecord extends RaRecord {
  id: number;
  label: string;
  from: string;
  to: string;
  territory: string | null;
  fileSize: number;
  sha256: string;
  createdAt: string;
}

/** `GET /api/factors` rows. */
export interface FactorRecord extends RaRecord, Omit<FactorValues, 'updatedAt'> {
  id: number;
  updatedBy: number | null;
  updatedAt: string;
}

/** `GET /api/agreements` rows (the viewer may read them: the commitments behind the progress bars). */
export type { Agreement as AgreementRecord } from '../agreements/types.js';
