import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { runJob } from '../core/job-runner.js';
import { blockKey, CachedTree, type SubtreeStore } from './subtree-cache.js';
import { checkpointText, parseSignerKey, signNote, verifierKey, type NoteSigner } from './signed-note.js';
import { ENTRY_KINDS, type EntryKind } from './entries.js';
import { mailCheckpointToWitnesses } from './witnesses.js';

/**
 * Reading the log (leaves are appended by the database itself: see the migration
 * `transparency_log`) and signing its checkpoints.
 */
export interface LeafRow {
  index: number;
  kind: EntryKind;
  recordId: number;
  /** null for a document leaf (a PDF issued). */
  deviceId: number | null;
  entry: string;
  leafHash: Buffer;
}

export interface CheckpointRow {
  id: number;
  size: number;
  rootHash: Buffer;
  signedAt: Date;
  keyId: string;
  note: string;
}

type LeafSql = { leaf_index: string; kind: EntryKind; record_id: string; device_id: number | null; entry: string; leaf_hash: Buffer };
const toLeaf = (row: LeafSql): LeafRow => ({
  index: Number(row.leaf_index),
  kind: row.kind,
  recordId: Number(row.record_id),
  deviceId: row.device_id,
  entry: row.entry,
  leafHash: row.leaf_hash,
});

type CheckpointSql = { id: number; tree_size: string; root_hash: Buffer; signed_at: Date; key_id: string; note: string };
const toCheckpoint = (row: CheckpointSql): CheckpointRow => ({
  id: row.id,
  size: Number(row.tree_size),
  rootHash: row.root_hash,
  signedAt: new Date(row.signed_at),
  keyId: row.key_id,
  note: row.note,
});

export async function treeSize(em: EntityManager): Promise<number> {
  const [row] = await em.getConnection().execute<{ size: string }[]>(`select coalesce(max(leaf_index) + 1, 0) as size from transparency_leaves`);
  return Number(row.size);
}

/** The tree of the first `size` leaves, read through the subtree cache: O(log n) rows a proof or root. */
export function logTree(em: EntityManager, size: number): CachedTree {
  return new CachedTree(databaseSubtreeStore(em), size);
}

/** A PostgreSQL array literal of numbers or hex strings (nothing to escape). */
const toArray = (values: (number | string)[]) => `{${values.join(',')}}`;

function databaseSubtreeStore(em: EntityManager): SubtreeStore {
  const sql = <T extends object[]>(query: string, values: unknown[]) => em.getConnection().execute<T>(query, values);
  return {
    async leafHashes(indexes) {
      if (!indexes.length) return new Map();
      const rows = await sql<{ leaf_index: string; leaf_hash: Buffer }[]>(`select leaf_index, leaf_hash from transparency_leaves where leaf_index = any(?::bigint[])`, [toArray(indexes)]);
      return new Map(rows.map((row) => [Number(row.leaf_index), row.leaf_hash]));
    },
    async leafRange(start, end) {
      const rows = await sql<{ leaf_index: string; leaf_hash: Buffer }[]>(`select leaf_index, leaf_hash from transparency_leaves where leaf_index >= ? and leaf_index < ? order by leaf_index`, [start, end]);
      rows.forEach((row, position) => {
        // appends commit one at a time under a lock, so any snapshot sees a whole prefix
        if (Number(row.leaf_index) !== start + position) throw new Error(`transparency log: leaf ${start + position} is missing`);
      });
      if (rows.length !== end - start) throw new Error(`transparency log: leaf ${start + rows.length} is missing`);
      return rows.map((row) => row.leaf_hash);
    },
    async blocks(level, indexes) {
      const rows = await sql<{ block_index: string; hash: Buffer }[]>(`select block_index, hash from transparency_subtrees where level = ? and block_index = any(?::bigint[])`, [level, toArray(indexes)]);
      return new Map(rows.map((row) => [blockKey(level, Number(row.block_index)), row.hash]));
    },
    async saveBlocks(blocks) {
      if (!blocks.length) return;
      await sql(
        `insert into transparency_subtrees (level, block_index, hash)
         select level, block_index, decode(hash, 'hex') from unnest(?::smallint[], ?::bigint[], ?::text[]) as b(level, block_index, hash)
         on conflict do nothing`,
        [toArray(blocks.map((block) => block.level)), toArray(blocks.map((block) => block.index)), toArray(blocks.map((block) => block.hash.toString('hex')))],
      );
    },
  };
}

export async function leavesOf(em: EntityManager, where: { deviceId?: number; from?: number; count?: number }): Promise<LeafRow[]> {
  const conditions: string[] = [];
  const values: unknown[] = [];
  if (where.deviceId !== undefined) {
    conditions.push('device_id = ?');
    values.push(where.deviceId);
  }
  if (where.from !== undefined) {
    conditions.push('leaf_index >= ?');
    values.push(where.from);
  }
  const limit = where.count === undefined ? '' : ` limit ${Math.trunc(where.count)}`;
  const rows = await em.getConnection().execute<LeafSql[]>(
    `select leaf_index, kind, record_id, device_id, entry, leaf_hash from transparency_leaves ${conditions.length ? `where ${conditions.join(' and ')}` : ''} order by leaf_index${limit}`,
    values,
  );
  return rows.map(toLeaf);
}

export async function latestCheckpoint(em: EntityManager): Promise<CheckpointRow | undefined> {
  const [row] = await em.getConnection().execute<CheckpointSql[]>(`select * from transparency_checkpoints order by id desc limit 1`);
  return row ? toCheckpoint(row) : undefined;
}

export async function checkpointsFrom(em: EntityManager, fromId: number, limit: number): Promise<CheckpointRow[]> {
  const rows = await em.getConnection().execute<CheckpointSql[]>(`select * from transparency_checkpoints where id >= ? order by id limit ?`, [fromId, limit]);
  return rows.map(toCheckpoint);
}

/** The signing key of the configuration, read once; undefined: checkpoints are not signed. */
export function signerOf(config: { transparencySigningKey?: string }): NoteSigner | undefined {
  return config.transparencySigningKey ? parseSignerKey(config.transparencySigningKey) : undefined;
}

export const publicKeyOf = (signer: NoteSigner) => verifierKey(signer);

/** A day: the longest a checkpoint may wait, even when nothing was appended. */
const MAX_CHECKPOINT_AGE_MS = 24 * 3600_000 - 5 * 60_000;

/**
 * Signs a checkpoint of the whole tree when it grew since the last one, or when the last one is
 * almost a day old (witnesses then see the log is alive). Every checkpoint is kept.
 */
export async function signCheckpoint(
  em: EntityManager,
  signer: NoteSigner,
  origin: string,
  { now = new Date(), force = false }: { now?: Date; force?: boolean } = {},
): Promise<{ signed: boolean; size: number; id?: number }> {
  const tree = logTree(em, await treeSize(em));
  const last = await latestCheckpoint(em);
  const stale = !last || now.getTime() - last.signedAt.getTime() >= MAX_CHECKPOINT_AGE_MS;
  if (!force && last && last.size === tree.size && !stale) return { signed: false, size: tree.size };
  const rootHash = await tree.root();
  const note = signNote(checkpointText({ origin, size: tree.size, rootHash, time: now.toISOString() }), signer);
  const [row] = await em.getConnection().execute<{ id: number }[]>(
    `insert into transparency_checkpoints (tree_size, root_hash, signed_at, key_id, note) values (?, ?, ?, ?, ?) returning id`,
    [tree.size, rootHash, now, signer.keyId.toString('hex'), note],
  );
  return { signed: true, size: tree.size, id: row.id };
}

export interface RecordNow {
  kind: EntryKind;
  recordId: number;
  entry: string;
}

/** The entries of these leaves' records as the tables hold them now (absent: the record is gone). */
export async function recordsNow(em: EntityManager, leaves: Pick<LeafRow, 'kind' | 'recordId'>[]): Promise<Map<string, string>> {
  if (!leaves.length) return new Map();
  // one condition per kind: PostgreSQL pushes it into each branch of the view, where `kind` is a
  // constant, so each branch looks up its own ids by index and computes only their entries
  // (migration `transparency_records_lookup`)
  const idsOf = (kind: EntryKind) => `{${leaves.filter((leaf) => leaf.kind === kind).map((leaf) => leaf.recordId).join(',')}}`;
  const rows = await em.getConnection().execute<{ kind: EntryKind; record_id: string; entry: string }[]>(
    `select r.kind, r.record_id, r.entry from transparency_records r
     where ${ENTRY_KINDS.map((kind) => `(r.kind = '${kind}' and r.record_id = any(?::bigint[]))`).join(' or ')}`,
    ENTRY_KINDS.map(idsOf),
  );
  return new Map(rows.map((row) => [`${row.kind}:${row.record_id}`, row.entry]));
}

/** Records that have no leaf: written while the log's trigger was disabled (or by a restore gone wrong). */
export async function unloggedRecords(em: EntityManager, deviceId?: number): Promise<RecordNow[]> {
  const rows = await em.getConnection().execute<{ kind: EntryKind; record_id: string; entry: string }[]>(
    `select r.kind, r.record_id, r.entry from transparency_records r
     where ${deviceId === undefined ? 'true' : 'r.device_id = ?'}
       and not exists (select 1 from transparency_leaves l where l.kind = r.kind and l.record_id = r.record_id)
     order by r.kind, r.record_id limit 1000`,
    deviceId === undefined ? [] : [deviceId],
  );
  return rows.map((row) => ({ kind: row.kind, recordId: Number(row.record_id), entry: row.entry }));
}

/** The job that signs checkpoints (hourly by the scheduler, and after each batch pickup); none without a key. */
export function checkpointJobs(config: CheckpointConfig): Record<string, (em: EntityManager) => Promise<Record<string, unknown>>> {
  const signer = signerOf(config);
  if (!signer) return {};
  return {
    [SIGN_CHECKPOINT_JOB]: async (em) => {
      const result = await signCheckpoint(em, signer, config.transparencyOrigin);
      const witnesses = config.transparencyWitnesses ?? [];
      if (!result.signed || !witnesses.length) return result;
      return { ...result, witnessesMailed: await mailCheckpointToWitnesses(em, witnesses, (await latestCheckpoint(em))!, config.publicUrl ?? '') };
    },
  };
}
type CheckpointConfig = { transparencySigningKey?: string; transparencyOrigin: string; transparencyWitnesses?: string[]; publicUrl?: string };
export const SIGN_CHECKPOINT_JOB = 'sign-checkpoint';

/**
 * After a batch pickup (custody passes to the partner): a checkpoint now, through the job runner
 * so that it never overlaps the scheduler's. Called once the answer is sent; a failure is logged,
 * the hourly job signs later.
 */
export async function signCheckpointNow(ctx: { orm: MikroORM; config: CheckpointConfig; logger: Logger }): Promise<void> {
  const job = checkpointJobs(ctx.config)[SIGN_CHECKPOINT_JOB];
  if (!job) return;
  try {
    await runJob(ctx.orm, SIGN_CHECKPOINT_JOB, job);
  } catch (error) {
    ctx.logger.error({ err: error }, 'checkpoint signing after a pickup failed');
  }
}

/** Where a record is in the log and its proof against the latest checkpoint; null before the first checkpoint that holds it. */
export async function inclusionOf(em: EntityManager, kind: EntryKind, recordId: number) {
  const checkpoint = await latestCheckpoint(em);
  const [row] = await em.getConnection().execute<{ leaf_index: string }[]>(`select leaf_index from transparency_leaves where kind = ? and record_id = ?`, [kind, recordId]);
  if (!checkpoint || !row || Number(row.leaf_index) >= checkpoint.size) return null;
  const leafIndex = Number(row.leaf_index);
  return {
    leafIndex,
    checkpoint: { id: checkpoint.id, treeSize: checkpoint.size, rootHash: checkpoint.rootHash.toString('base64'), signedAt: checkpoint.signedAt.toISOString() },
    proof: (await logTree(em, checkpoint.size).inclusionProof(leafIndex)).map((hash) => hash.toString('base64')),
  };
}

/** The line printed on certificates and manifests, so that a copy of the checkpoint lives outside the server. */
export function checkpointStamp(checkpoint: Pick<CheckpointRow, 'id' | 'size' | 'rootHash'>, signedOn: string): string {
  return `Journal de transparence : point de contrôle n° ${checkpoint.id} du ${signedOn}, ${checkpoint.size} feuilles, racine ${checkpoint.rootHash.toString('base64')}`;
}
