import simpleRestProvider from 'ra-data-simple-rest';
import { withLifecycleCallbacks, type DataProvider } from 'react-admin';
import type { Dashboard, Device, DeviceCard, ImportReport, MoveInput, ScanResult, Site, TransitionInput } from '../types.js';
import type { DeviceType } from '../../../api/devices/lifecycle.js';
import type { LogImportReport } from '../sanitization/types.js';
import type { DeviceInventory } from '../devices/DeviceInventory.js';
import type { AuditDetail, AuditScanResult, RelocateResult } from '../stock-takes/types.js';
import type { AddToBatchInput, AddToBatchResult, Outcome, PickupInput, PickupResult } from '../batches/types.js';
import {
  PERSON_FIELDS,
  type Allocation,
  type AllocationInput,
  type CancelInput,
  type JobName,
  type PartnerReferral,
  type Referral,
  type RefusalInput,
} from '../referrals/types.js';
import type { EmailPreference, EmailPreferenceState } from '../notifications/types.js';
import type { Agreement } from '../agreements/types.js';
import type { LabelProfiles } from '../devices/labels.js';
import { API_URL, apiFetch, apiJson, authHeaders, httpClient, toHttpError } from './http.js';
import { sendOnce, postJsonOnce } from './idempotency.js';

/** What a device form may send: the server owns status, asset tag, dates and the rest. */
const DEVICE_FIELDS = [
  'type',
  'brand',
  'model',
  'serialNumber',
  'inventoryNumber',
  'hostname',
  'cpu',
  'ramGb',
  'storageSummary',
  'year',
  'conditionGrade',
  'originSite',
  'notes',
] as const;

const USER_CREATE_FIELDS = ['email', 'name', 'role', 'territory', 'password'] as const;
const USER_UPDATE_FIELDS = ['name', 'role', 'territory', 'active', 'password'] as const;

function pick(data: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(fields.filter((field) => data[field] !== undefined).map((field) => [field, data[field]]));
}

/** A territory only means something for a social worker; an empty password field means "unchanged". */
function cleanUser(data: Record<string, unknown>, fields: readonly string[]) {
  const user = pick(data, fields);
  if (!user.password) delete user.password;
  if (user.role && user.role !== 'social_worker' && !user.territory) user.territory = null;
  return user;
}

function importContentType(file: File): string {
  if (/\.xlsx$/i.test(file.name)) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  return 'text/csv';
}

export interface ImportOptions {
  dryRun: boolean;
  site?: string;
  /** 0..1 while the file uploads; the server's own work is not measurable. */
  onUploadProgress?: (fraction: number) => void;
}

/** Named actions beyond CRUD (atomic-crm style): each is one API call. */
export interface ReemploiDataProvider extends DataProvider {
  transitionDevice(id: number, input: TransitionInput): Promise<DeviceCard>;
  moveDevice(id: number, input: MoveInput): Promise<DeviceCard>;
  /** `pricing`: the reception desk asks for the device's category and suggested price. */
  scan(code: string, options?: { pricing?: boolean }): Promise<ScanResult>;
  getSites(): Promise<Site[]>;
  getDashboard(): Promise<Dashboard>;
  /** Depot stock-take: one scan (found / unexpected / unknown / duplicate), pause, resume, close, relocation of unexpected devices. */
  scanAudit(auditId: number, code: string, idempotencyKey?: string): Promise<AuditScanResult>;
  setAuditState(auditId: number, action: 'pause' | 'resume' | 'close'): Promise<AuditDetail>;
  relocateAuditDevices(auditId: number, ids: number[]): Promise<RelocateResult>;
  /** For files that need the bearer token (labels, PDF sheets): a plain link would not carry it. */
  fetchBlob(path: string): Promise<Blob>;
  importDevices(file: File, options: ImportOptions): Promise<ImportReport>;
  /** Admin: a « Type » value the imports refused, mapped to a device type for the next imports. */
  saveChassisMapping(input: { label: string; deviceType: DeviceType }): Promise<{ id: number; label: string; deviceType: DeviceType }>;
  /** Wiping station: the device holds no storage (monitor, printer…) → sanitized with its certificate. */
  markNoStorage(id: number): Promise<DeviceCard>;
  /** The device's latest GLPI hardware inventory as read by the API; null when none was received. */
  getDeviceInventory(deviceId: number): Promise<DeviceInventory | null>;
  /** One nwipe / ShredOS log (text) or JSON report, sent as is; dryRun: a preview that records nothing. */
  importSanitizationLog(file: File, options?: { dryRun?: boolean }): Promise<LogImportReport>;
  /** Handover batches: scanned asset tags (or ids) into a draft batch, all or nothing. */
  addToBatch(batchId: number, input: AddToBatchInput): Promise<AddToBatchResult>;
  removeFromBatch(batchId: number, deviceId: number): Promise<unknown>;
  getBatchDevices(batchId: number): Promise<Device[]>;
  markBatchReady(batchId: number): Promise<unknown>;
  closeBatch(batchId: number): Promise<unknown>;
  confirmPickup(batchId: number, input: PickupInput): Promise<PickupResult>;
  /**
   * The partner's outcome for scanned devices (all of them or none), sent with the Idempotency-Key
   * its offline queue gave it: the refurbishment screen queues one device per call.
   */
  recordOutcomes(assetTags: string[], outcome: Outcome, idempotencyKey: string): Promise<{ updated: string[] }>;
  /** Referrals: the partner's decision, the social worker's cancellation (least-privilege answers for the partner). */
  acceptReferral(id: number): Promise<PartnerReferral>;
  refuseReferral(id: number, input: RefusalInput): Promise<PartnerReferral>;
  cancelReferral(id: number, input: CancelInput): Promise<Referral>;
  /** A refurbished device to an accepted referral at a solidarity price (euros): one transaction. */
  allocateDevice(input: AllocationInput): Promise<Allocation>;
  /** The price caps (euros, by device type) of the agreement in force with the caller's organisation. */
  getPriceCaps(): Promise<{ partner: string; agreement: Pick<Agreement, 'id' | 'startsOn' | 'endsOn'> | null; priceCaps: Agreement['priceCaps']; identityCheck: Agreement['identityCheck'] | null }>;
  /** RGPD (admin): right to erasure, and the scheduled jobs run now. */
  eraseBeneficiary(id: number): Promise<unknown>;
  runJob(name: JobName): Promise<Record<string, unknown>>;
  /** The caller's own notifications (the list itself is the simple-REST resource `notifications`). */
  getUnreadNotificationCount(): Promise<{ count: number }>;
  /** Referrals by status for the caller's scope; reads nobody's personal data. */
  getReferralCounts(): Promise<{ byStatus: Record<string, number> }>;
  markNotificationRead(id: number): Promise<unknown>;
  markAllNotificationsRead(): Promise<{ updated: number }>;
  setEmailPreference(emailPreference: EmailPreference): Promise<EmailPreferenceState>;
  /** Label stocks (A4 sheets, thermal rolls) and the one the caller last printed with. */
  getLabelProfiles(): Promise<LabelProfiles>;
  /** The signed-in user's record (it may one day carry the e-mail preference). */
  getMe(): Promise<Record<string, unknown>>;
}

const restProvider = withLifecycleCallbacks(simpleRestProvider(API_URL, httpClient), [
  {
    resource: 'devices',
    beforeCreate: async (params) => ({ ...params, data: pick(params.data, DEVICE_FIELDS) }),
    beforeUpdate: async (params) => ({
      ...params,
      // the version the user was looking at: the server refuses the change if someone saved in between
      data: { ...pick(params.data, DEVICE_FIELDS), version: params.data.version ?? params.previousData?.version },
    }),
  },
  {
    resource: 'batches',
    beforeCreate: async (params) => ({ ...params, data: { ...pick(params.data, ['site', 'notes']), plannedAt: params.data.plannedAt || null } }),
    beforeUpdate: async (params) => ({
      ...params,
      data: { ...pick(params.data, ['plannedAt', 'notes']), version: params.data.version ?? params.previousData?.version },
    }),
  },
  {
    resource: 'beneficiaries',
    // rectification: only the person's fields, with the version the social worker was looking at
    beforeUpdate: async (params) => ({
      ...params,
      data: { ...pick(params.data, PERSON_FIELDS), commune: params.data.commune || null, phone: params.data.phone || null, version: params.data.version ?? params.previousData?.version },
    }),
  },
  {
    resource: 'users',
    beforeCreate: async (params) => ({ ...params, data: cleanUser(params.data, USER_CREATE_FIELDS) }),
    beforeUpdate: async (params) => ({ ...params, data: cleanUser(params.data, USER_UPDATE_FIELDS) }),
  },
]);

function postJson<T>(path: string, body: unknown): Promise<T> {
  return apiJson<T>(`${API_URL}${path}`, { method: 'POST', body: JSON.stringify(body) });
}

function uploadImport(file: File, options: ImportOptions): Promise<ImportReport> {
  if (options.dryRun) return sendImport(file, options);
  // the real import: retried with the same key after a network drop, never imported twice
  const fingerprint = `POST /devices/import ${options.site ?? ''} ${file.name} ${file.size} ${file.lastModified}`;
  return sendOnce(fingerprint, (key) => sendImport(file, options, key));
}

function sendImport(file: File, { dryRun, site, onUploadProgress }: ImportOptions, idempotencyKey?: string): Promise<ImportReport> {
  const query = new URLSearchParams({ dryRun: String(dryRun) });
  if (site) query.set('site', site);
  // XMLHttpRequest rather than fetch: only it reports upload progress
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', `${API_URL}/devices/import?${query}`);
    const headers = authHeaders({ 'Content-Type': importContentType(file), Accept: 'application/json' });
    if (idempotencyKey) headers.set('Idempotency-Key', idempotencyKey);
    headers.forEach((value, key) => request.setRequestHeader(key, value));
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onUploadProgress?.(event.loaded / event.total);
    };
    request.upload.onload = () => onUploadProgress?.(1);
    request.onerror = () => reject(toHttpError(0, null));
    request.onload = () => {
      let payload: unknown = null;
      try {
        payload = JSON.parse(request.responseText);
      } catch {
        payload = null;
      }
      if (request.status >= 200 && request.status < 300) resolve(payload as ImportReport);
      else reject(toHttpError(request.status, payload, request.statusText));
    };
    request.send(file);
  });
}

export const dataProvider: ReemploiDataProvider = {
  ...restProvider,
  transitionDevice: (id, input) => postJson(`/devices/${id}/transitions`, input),
  moveDevice: (id, input) => postJson(`/devices/${id}/move`, input),
  scan: (code, options) => apiJson(`${API_URL}/scan/${encodeURIComponent(code)}${options?.pricing ? '?pricing=true' : ''}`),
  getSites: () => apiJson(`${API_URL}/sites`),
  getDashboard: () => apiJson(`${API_URL}/dashboard`),
  scanAudit: (auditId, code, idempotencyKey) =>
    apiJson(`${API_URL}/audits/${auditId}/scans`, { method: 'POST', body: JSON.stringify({ code }), headers: idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {} }),
  setAuditState: (auditId, action) => postJson(`/audits/${auditId}/${action}`, {}),
  relocateAuditDevices: (auditId, ids) => postJson(`/audits/${auditId}/relocate`, { ids }),
  fetchBlob: async (path) => (await apiFetch(`${API_URL}${path}`, { headers: { Accept: '*/*' } })).blob(),
  importDevices: uploadImport,
  saveChassisMapping: (input) => postJson('/chassis-mappings', input),
  markNoStorage: (id) => postJson(`/devices/${id}/no-storage`, {}),
  getDeviceInventory: async (deviceId) => {
    try {
      return await apiJson<DeviceInventory>(`${API_URL}/devices/${deviceId}/inventory`);
    } catch (error) {
      if ((error as { status?: number }).status === 404) return null;
      throw error;
    }
  },
  importSanitizationLog: (file, options) =>
    apiJson(`${API_URL}/sanitizations/import${options?.dryRun ? '?dryRun=true' : ''}`, {
      method: 'POST',
      headers: { 'Content-Type': /\.json$/i.test(file.name) || file.type === 'application/json' ? 'application/json' : 'text/plain' },
      body: file,
    }),
  addToBatch: (batchId, input) => postJson(`/batches/${batchId}/devices`, input),
  removeFromBatch: (batchId, deviceId) => apiJson(`${API_URL}/batches/${batchId}/devices/${deviceId}`, { method: 'DELETE' }),
  getBatchDevices: (batchId) => apiJson(`${API_URL}/batches/${batchId}/devices`),
  markBatchReady: (batchId) => postJson(`/batches/${batchId}/ready`, {}),
  closeBatch: (batchId) => postJson(`/batches/${batchId}/close`, {}),
  confirmPickup: (batchId, input) => postJsonOnce(`${API_URL}/batches/${batchId}/pickup`, input),
  recordOutcomes: (assetTags, outcome, idempotencyKey) =>
    apiJson(`${API_URL}/devices/outcomes`, { method: 'POST', body: JSON.stringify({ assetTags, ...outcome }), headers: { 'Idempotency-Key': idempotencyKey } }),
  acceptReferral: (id) => postJson(`/referrals/${id}/accept`, {}),
  refuseReferral: (id, input) => postJson(`/referrals/${id}/refuse`, input),
  cancelReferral: (id, input) => postJson(`/referrals/${id}/cancel`, input),
  allocateDevice: (input) => postJsonOnce(`${API_URL}/allocations`, input),
  getPriceCaps: () => apiJson(`${API_URL}/allocations/price-caps`),
  eraseBeneficiary: (id) => postJson(`/beneficiaries/${id}/erase`, {}),
  runJob: (name) => postJson(`/jobs/${name}/run`, {}),
  getUnreadNotificationCount: () => apiJson(`${API_URL}/notifications/unread-count`),
  getReferralCounts: () => apiJson(`${API_URL}/referrals/counts`),
  markNotificationRead: (id) => postJson(`/notifications/${id}/read`, {}),
  markAllNotificationsRead: () => postJson('/notifications/read-all', {}),
  setEmailPreference: (emailPreference) => apiJson(`${API_URL}/me/preferences`, { method: 'PUT', body: JSON.stringify({ emailPreference }) }),
  getMe: () => apiJson(`${API_URL}/me`),
  getLabelProfiles: () => apiJson(`${API_URL}/label-profiles`),
};
