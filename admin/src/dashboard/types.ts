import type { JsonOf } from '../../../api/core/json.js';
import type { serializeFactor } from '../../../api/factors/factor.routes.js';
import type { ReportParameters, Summary } from '../../../api/reports/indicators.js';
import type { FactorValues } from '../../../api/reports/factor-values.js';
import type { serializeReport } from '../../../api/reports/report.routes.js';

export type { Summary, FactorValues, ReportParameters };

/** `GET /api/reports` rows: a kept workbook with its parameters and the factor values it used. */
export type StoredReportRecord = JsonOf<ReturnType<typeof serializeReport>>;

/** `GET /api/factors` rows. */
export type FactorRecord = JsonOf<ReturnType<typeof serializeFactor>>;

/** `GET /api/agreements` rows (the viewer may read them: the commitments behind the progress bars). */
export type { Agreement as AgreementRecord } from '../agreements/types.js';
