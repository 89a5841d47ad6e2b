import { HttpError } from 'react-admin';
import { getToken } from './session.js';

export const API_URL = '/api';

/** What the API puts in `{error: {...}}`. */
export interface ApiErrorBody {
  code: string;
  message: string;
  details?: unknown;
  /** Field errors in react-admin's server-side validation shape (`{field: message, root: {serverError}}`). */
  errors?: Record<string, unknown>;
}

/** The `code` of an API error (`UNKNOWN_CODE`, `CONCURRENT_CHANGE`…), if any. */
export function errorCode(error: unknown): string | undefined {
  return (error as HttpError | undefined)?.body?.code;
}

interface FieldIssue {
  path: string;
  message: string;
}

function isFieldIssues(details: unknown): details is FieldIssue[] {
  return Array.isArray(details) && details.every((issue) => typeof issue?.path === 'string' && typeof issue?.message === 'string');
}

/** Turns an API error answer into a react-admin HttpError whose message is the API's French, user-facing one. */
export function toHttpError(status: number, payload: unknown, statusText = ''): HttpError {
  const error = (payload as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
  const message = error?.message ?? (status === 0 ? 'Le serveur ne répond pas : vérifiez la connexion.' : statusText || `Erreur ${status}`);
  const body: ApiErrorBody = { code: error?.code ?? 'HTTP_ERROR', message, details: error?.details };
  if (status === 400 && isFieldIssues(error?.details) && error.details.some((issue) => issue.path)) {
    const errors: Record<string, unknown> = { root: { serverError: message } };
    for (const issue of error.details) if (issue.path) errors[issue.path.split('.')[0]] = issue.message;
    body.errors = errors;
  }
  // a duplicate serial number belongs under the serial number field, not only in a toast
  if (error?.code === 'SERIAL_TAKEN') body.errors = { serialNumber: message, root: { serverError: message } };
  return new HttpError(message, status, body);
}

export function authHeaders(extra?: HeadersInit): Headers {
  const headers = new Headers(extra);
  const token = getToken();
  if (token) headers.set('Authorization', `Bearer ${token}`);
  return headers;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** fetch with the bearer token; rejects with an HttpError carrying the API's message. */
export async function apiFetch(url: string, init: RequestInit = {}): Promise<Response> {
  const headers = authHeaders(init.headers);
  if (typeof init.body === 'string' && !headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
  if (!headers.has('Accept')) headers.set('Accept', 'application/json');
  let response: Response;
  try {
    response = await fetch(url.startsWith('/') ? url : `${API_URL}/${url}`, { ...init, headers });
  } catch {
    throw toHttpError(0, null);
  }
  if (!response.ok) throw toHttpError(response.status, await readJson(response), response.statusText);
  return response;
}

export async function apiJson<T>(url: string, init: RequestInit = {}): Promise<T> {
  return (await readJson(await apiFetch(url, init))) as T;
}

/** The client ra-data-simple-rest expects (`{status, headers, body, json}`). */
export async function httpClient(url: string, options: RequestInit = {}) {
  const response = await apiFetch(url, options);
  const body = await response.text();
  let json: unknown = undefined;
  try {
    json = body ? JSON.parse(body) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, body, json };
}
