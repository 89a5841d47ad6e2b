import { canonicalJson } from './canonical-json.js';

/**
 * What a leaf proves of each kind of record: its custody fields, never a person's data (the actor
 * is an account id). The database builds the same bytes in SQL when it appends the leaf (see the
 * migration `transparency_log`); a verifier rebuilds them here from the records it is given.
 */
export interface EventEntry {
  kind: 'event';
  id: number;
  assetTag: string;
  type: string;
  from: string | null;
  to: string | null;
  site: string | null;
  actor: number;
  at: string;
}

export interface SanitizationEntry {
  kind: 'sanitization';
  id: number;
  assetTag: string;
  /** The medium's serial number. */
  medium: string;
  category: string;
  technique: string;
  verification: string;
  result: string;
  actor: number;
  /** When the wipe finished. */
  at: string;
}

export interface CertificateEntry {
  kind: 'certificate';
  id: number;
  assetTag: string;
  method: string;
  actor: number;
  at: string;
}

/** A certificate or manifest PDF the server issued, by the SHA-256 of its bytes (no device, no person). */
export interface DocumentEntry {
  kind: 'document';
  id: number;
  /** 'certificate', 'batch-certificates' or 'manifest' (see ISSUED_DOCUMENT_KINDS). */
  document: string;
  /** The certificate number or the batch reference. */
  reference: string;
  /** Lowercase hexadecimal, as sha256sum prints it. */
  sha256: string;
  at: string;
}

export type LogEntry = EventEntry | SanitizationEntry | CertificateEntry | DocumentEntry;
export const ENTRY_KINDS = ['event', 'sanitization', 'certificate', 'document'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/** The UTF-8 text hashed into the leaf. */
export function entryText(entry: LogEntry): string {
  return canonicalJson({ ...entry });
}

/** A time as the log writes it: ISO 8601, UTC, milliseconds. */
export const entryTime = (date: Date | string): string => new Date(date).toISOString();

/** Field by field, what the record says now that the leaf does not: `to: "sanitized" → "allocated"`. */
export function differences(logged: Record<string, unknown>, current: Record<string, unknown>): string[] {
  const keys = [...new Set([...Object.keys(logged), ...Object.keys(current)])].sort();
  return keys
    .filter((key) => JSON.stringify(logged[key]) !== JSON.stringify(current[key]))
    .map((key) => `${key} : ${JSON.stringify(logged[key] ?? null)} dans le journal, ${JSON.stringify(current[key] ?? null)} maintenant`);
}
