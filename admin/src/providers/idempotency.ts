import { HttpError } from 'react-admin';
import { OFFLINE_WRITE_MAX_DAYS, tooOldToResend } from '../../../api/core/idempotency-window.js';
import { i18nProvider } from '../i18n/i18nProvider.js';
import { apiJson } from './http.js';

/**
 * Writes a user may have to retry (device import, batch pickup, allocation, stored report) carry an
 * `Idempotency-Key`. The same request — same address, same content — keeps its key until it gets a
 * definitive answer, so whether the browser retries after a network drop or the user clicks again
 * (even after reloading the tab), the server replays the first result instead of doing the work twice.
 */
const STORAGE_KEY = 'reemploi.idempotency-keys';
/** Waits before the automatic retries of a request that got no definitive answer. */
const RETRY_DELAYS_MS = [1_000, 3_000];

type Stored = Record<string, { key: string; at: number }>;
const memory: Stored = {};

function readStore(): Stored {
  try {
    return JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? '{}') as Stored;
  } catch {
    return memory;
  }
}

function writeStore(store: Stored) {
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(store));
  } catch {
    Object.assign(memory, store);
  }
}

function newKey(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;
}

/** A request tried too long ago to be sent again (see OFFLINE_WRITE_MAX_DAYS), said in the UI's language. */
function tooOldToResendError(): HttpError {
  const message = i18nProvider.translate('reemploi.offline.resend_too_old', { days: OFFLINE_WRITE_MAX_DAYS });
  return new HttpError(message, 410, { code: 'TOO_OLD_TO_RESEND', message });
}

/**
 * The key of this request: the one already used for the same request if it never got an answer.
 * That request tried too long ago is not sent again: the user is told to check whether it was
 * recorded, and its key is forgotten, so doing it again sends it as a new request.
 */
export function idempotencyKeyFor(fingerprint: string): string {
  const store = readStore();
  const now = Date.now();
  const triedTooLongAgo = store[fingerprint] !== undefined && tooOldToResend(store[fingerprint].at, now);
  for (const [name, entry] of Object.entries(store)) if (tooOldToResend(entry.at, now)) delete store[name];
  if (!triedTooLongAgo) store[fingerprint] ??= { key: newKey(), at: now };
  writeStore(store);
  if (triedTooLongAgo) throw tooOldToResendError();
  return store[fingerprint].key;
}

function forgetKey(fingerprint: string) {
  const store = readStore();
  delete store[fingerprint];
  writeStore(store);
}

/** No answer, a gateway error, or the first attempt still running: the outcome is unknown, retry with the same key. */
export function isRetryable(error: unknown): boolean {
  const { status, body } = (error ?? {}) as Partial<HttpError>;
  return status === 0 || status === 502 || status === 503 || status === 504 || (status === 409 && body?.code === 'IDEMPOTENCY_KEY_IN_PROGRESS');
}

/**
 * Sends `send(key)` with the request's key, retrying a few times while the outcome is unknown.
 * The key is forgotten once an answer is definitive (success or refusal), kept otherwise so a
 * later manual retry of the same request still uses it.
 */
export async function sendOnce<T>(fingerprint: string, send: (key: string) => Promise<T>): Promise<T> {
  const key = idempotencyKeyFor(fingerprint);
  for (let attempt = 0; ; attempt++) {
    try {
      const result = await send(key);
      forgetKey(fingerprint);
      return result;
    } catch (error) {
      if (!isRetryable(error)) {
        forgetKey(fingerprint);
        throw error;
      }
      if (attempt >= RETRY_DELAYS_MS.length) throw error;
      await new Promise((resolve) => setTimeout(resolve, RETRY_DELAYS_MS[attempt]));
    }
  }
}

/** POST a JSON body once: see sendOnce. */
export function postJsonOnce<T>(url: string, body: unknown): Promise<T> {
  const json = JSON.stringify(body);
  return sendOnce(`POST ${url} ${json}`, (key) => apiJson<T>(url, { method: 'POST', body: json, headers: { 'Idempotency-Key': key } }));
}
