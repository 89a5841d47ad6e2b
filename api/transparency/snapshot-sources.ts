import { readFileSync } from 'node:fs';
import { verifyBackup } from '../backup/restore.js';
import { entryText, entryTime, type EntryKind, type LogEntry } from './entries.js';
import type { LogSnapshot, SnapshotLeaf } from './verifier.js';

/** Where `verify-custody` reads the log: a running server (public routes) or a backup file. */

const PAGE = 5000;

/**
 * A connection the server closed while it sat idle in fetch's pool: after a long check (the whole
 * log hashed in one synchronous stretch) fetch's own timers could not retire it in time.
 */
const closedWhileIdle = (error: unknown) => ['UND_ERR_SOCKET', 'ECONNRESET'].includes((error as { cause?: { code?: string } }).cause?.code ?? '');

/** GETs one public route's JSON; a GET is safe to send again, once, on a connection closed while idle. */
export async function getJson<T>(base: string, path: string, token?: string): Promise<T> {
  const get = () => fetch(new URL(path, base), { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const response = await get().catch((error: unknown) => {
    if (closedWhileIdle(error)) return get();
    throw error;
  });
  if (!response.ok) throw new Error(`${path} : HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export async function snapshotFromApi(base: string): Promise<LogSnapshot> {
  const leaves: SnapshotLeaf[] = [];
  for (;;) {
    const page = await getJson<SnapshotLeaf[]>(base, `/api/transparency/leaves?from=${leaves.length}&count=${PAGE}`);
    leaves.push(...page.map(({ index, kind, recordId, entry, current }) => ({ index, kind, recordId, entry, current })));
    if (page.length < PAGE) break;
  }
  const checkpoints: { id: number; note: string }[] = [];
  for (;;) {
    const from = checkpoints.length ? checkpoints[checkpoints.length - 1].id + 1 : 1;
    const page = await getJson<{ id: number; note: string }[]>(base, `/api/transparency/checkpoints?from=${from}&count=1000`);
    checkpoints.push(...page.map(({ id, note }) => ({ id, note })));
    if (page.length < 1000) break;
  }
  const unlogged = await getJson<LogSnapshot['unlogged']>(base, '/api/transparency/unlogged');
  const consistencyProof = async (from: number, to: number) =>
    (await getJson<{ proof: string[] }>(base, `/api/transparency/proof/consistency?from=${from}&to=${to}`)).proof.map((hash) => Buffer.from(hash, 'base64'));
  return { leaves, unlogged, checkpoints, consistencyProof };
}

export interface DeviceProof {
  device: { id: number; assetTag: string };
  checkpoint: { id: number; treeSize: number; rootHash: string; note: string } | null;
  leaves: { index: number; kind: EntryKind; recordId: number; entry: string; current: string | null; proof: string[] | null }[];
  unlogged: LogSnapshot['unlogged'];
}

export async function deviceProofFromApi(base: string, assetTag: string, token: string): Promise<DeviceProof> {
  const filter = encodeURIComponent(JSON.stringify({ q: assetTag }));
  const found = (await getJson<{ id: number; assetTag: string }[]>(base, `/api/devices?filter=${filter}&range=[0,49]`, token)).find((device) => device.assetTag === assetTag);
  if (!found) throw new Error(`appareil ${assetTag} introuvable (ou non visible pour ce compte)`);
  return getJson<DeviceProof>(base, `/api/devices/${found.id}/custody-proof`, token);
}

/** PostgreSQL COPY text format: tab-separated, `\N` for null, backslash escapes. */
function parseCopy(text: string, columns: string[]): Record<string, string | null>[] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => Object.fromEntries(line.split('\t').map((field, i) => [columns[i], field === '\\N' ? null : unescapeCopy(field)])));
}

function unescapeCopy(field: string): string {
  return field.replace(/\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/g, (_match, code: string) => {
    if (code[0] === 'x' && code.length > 1) return String.fromCharCode(parseInt(code.slice(1), 16));
    if (/^[0-7]+$/.test(code)) return String.fromCharCode(parseInt(code, 8));
    return ({ b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' } as Record<string, string>)[code] ?? code;
  });
}

/** `2026-12-07 01:02:03.456789+00` (COPY, UTC): the log's time, milliseconds truncated as PostgreSQL's to_char does. */
const copyTime = (value: string) => entryTime(`${value.replace(' ', 'T').replace(/(\.\d{3})\d*/, '$1').replace(/\+00$/, 'Z')}`);
const int = (value: string | null) => Number(value);

/**
 * A backup's log: its leaves and checkpoints, and every record's entry rebuilt here, in
 * TypeScript, from the backed-up rows (not from what the database computed).
 */
export async function snapshotFromBackup(file: string): Promise<LogSnapshot> {
  const backup = await verifyBackup(file);
  try {
    const table = (name: string) => {
      const described = backup.manifest.tables.find((candidate) => candidate.name === name);
      if (!described) throw new Error(`la sauvegarde n'a pas de table ${name} (antérieure au journal de transparence ?)`);
      return parseCopy(readFileSync(backup.files.get(name)!, 'utf8'), described.columns);
    };
    const tags = new Map(table('devices').map((row) => [row.id, row.asset_tag!]));
    const serials = new Map(table('media').map((row) => [row.id, row.serial_number!]));
    const records = new Map<string, LogEntry>();
    for (const row of table('events')) {
      records.set(`event:${row.id}`, { kind: 'event', id: int(row.id), assetTag: tags.get(row.device_id)!, type: row.type!, from: row.from_status, to: row.to_status, site: row.site, actor: int(row.actor_id), at: copyTime(row.at!) });
    }
    for (const row of table('sanitizations')) {
      records.set(`sanitization:${row.id}`, { kind: 'sanitization', id: int(row.id), assetTag: tags.get(row.device_id)!, medium: serials.get(row.medium_id)!, category: row.category!, technique: row.technique!, verification: row.verification!, result: row.result!, actor: int(row.operator_id), at: copyTime(row.finished_at!) });
    }
    for (const row of table('certificates')) {
      records.set(`certificate:${row.id}`, { kind: 'certificate', id: int(row.id), assetTag: tags.get(row.device_id)!, method: row.method_summary!, actor: int(row.issued_by_id), at: copyTime(row.issued_at!) });
    }
    // a backup made before documents were logged has no such table: then it has no document leaf either
    const documents = backup.manifest.tables.some((candidate) => candidate.name === 'issued_documents') ? table('issued_documents') : [];
    for (const row of documents) {
      records.set(`document:${row.id}`, { kind: 'document', id: int(row.id), document: row.kind!, reference: row.reference!, sha256: row.sha256!.replace(/^\\x/, ''), at: copyTime(row.issued_at!) });
    }
    const leaves: SnapshotLeaf[] = table('transparency_leaves')
      .map((row) => ({ index: int(row.leaf_index), kind: row.kind as EntryKind, recordId: int(row.record_id), entry: row.entry!, leafHash: Buffer.from(row.leaf_hash!.replace(/^\\x/, ''), 'hex'), current: null as string | null }))
      .sort((a, b) => a.index - b.index);
    for (const leaf of leaves) {
      const record = records.get(`${leaf.kind}:${leaf.recordId}`);
      leaf.current = record ? entryText(record) : null;
      records.delete(`${leaf.kind}:${leaf.recordId}`);
    }
    const unlogged = [...records.values()].map((record) => ({ kind: record.kind, recordId: record.id, entry: entryText(record) }));
    const checkpoints = table('transparency_checkpoints').map((row) => ({ id: int(row.id), note: row.note! })).sort((a, b) => a.id - b.id);
    return { leaves, unlogged, checkpoints };
  } finally {
    backup.dispose();
  }
}
