import { API_URL, apiJson } from '../providers/http.js';
import { postJsonOnce } from '../providers/idempotency.js';
import type { ReportParameters, StoredReportRecord, Summary } from './types.js';

/** `from`, `to` and, when one is chosen, `territory` (no territory = the whole Département). */
export function reportQuery({ from, to, territory }: ReportParameters): string {
  return new URLSearchParams(territory ? { from, to, territory } : { from, to }).toString();
}

/** Every indicator for a period and territory, computed by the API (aggregates only). */
export const fetchSummary = (parameters: ReportParameters) => apiJson<Summary>(`${API_URL}/reports/summary?${reportQuery(parameters)}`);

/** Admin: the workbook generated now and kept with its parameters and the factor values used. */
export const archiveReport = (input: ReportParameters & { label: string }) =>
  postJsonOnce<StoredReportRecord>(`${API_URL}/reports`, { ...input, territory: input.territory || undefined });

export const workbookPath = (parameters: ReportParameters) => `/reports/partnership.xlsx?${reportQuery(parameters)}`;
export const storedWorkbookPath = (id: number) => `/reports/${id}/file.xlsx`;

/** The territories known to the API (referrals, beneficiaries, social workers' accounts), for the picker. */
export const fetchTerritories = () => apiJson<{ id: string; name: string }[]>(`${API_URL}/reports/territories`);
