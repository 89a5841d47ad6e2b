import { execFile } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import type { AppProcess } from '../lib/app-process.js';
import { figure, type Figure } from '../lib/report.js';
import type { Invariant } from './transitions.js';
import { leafHash, MerkleTree } from '../../api/transparency/merkle.js';
import { checkpointText, generateSignerKey, parseSignerKey, parseVerifierKey, signNote, verifierKey } from '../../api/transparency/signed-note.js';
import type { EntryKind } from '../../api/transparency/entries.js';
import { verifySnapshot, type LogSnapshot } from '../../api/transparency/verifier.js';
import { getJson } from '../../api/transparency/snapshot-sources.js';

const ORIGIN = 'bench.reemploi.fr/custody';

/**
 * A full verification of the transparency log with the verifier's own functions (`verifySnapshot`
 * of `npm run verify-custody`): every leaf, record and checkpoint read straight from the database
 * (as the public routes would give them), consistency proofs from the app's public route. Then
 * one page of the public leaves route, and `npm run verify-custody -- --url` itself against the
 * app (every page of the public routes, in its own process, exit code checked). The bench app has no signing key, so two checkpoints (half the
 * tree, then the whole tree) are signed here with a key made for the run and stored as the app
 * stores them. Raw baseline: the entries read by one SQL query, each leaf hashed
 * (SHA-256(0x00 || entry)) and the Merkle root computed, in a plain loop.
 */
export async function verifyBenchmark(app: AppProcess, databaseUrl: string): Promise<{ figures: Figure[]; invariants: Invariant[] }> {
  const signer = parseSignerKey(generateSignerKey(ORIGIN));
  const size = await signTwoCheckpoints(databaseUrl, signer);

  const began = performance.now();
  const snapshot = await snapshotFromDatabase(databaseUrl, app.baseUrl);
  const fetchedAt = performance.now();
  const result = await verifySnapshot(snapshot, parseVerifierKey(verifierKey(signer)));
  const ended = performance.now();
  const verifySeconds = (ended - began) / 1000;
  const apiPage = await timeOneApiPage(app.baseUrl);
  const cli = await verifyCustodyUrl(app.baseUrl, verifierKey(signer));

  const raw = await rawRoot(databaseUrl);
  const invariants: Invariant[] = [
    { name: 'the full verification finds nothing wrong', ok: result.problems.length === 0, detail: result.problems.length ? result.problems[0].message : `${result.leaves} leaves, ${result.checkpoints} checkpoints` },
    { name: 'npm run verify-custody -- --url exits 0', ok: cli.code === 0, detail: (cli.code === 0 ? cli.stdout : cli.stderr).trim().slice(0, 300) },
    { name: 'the raw root is the signed root', ok: raw.root.equals(raw.signedRoot) && raw.leaves === size, detail: `${raw.leaves} leaves` },
  ];
  const details = { leaves: result.leaves, checkpoints: result.checkpoints, readSeconds: (fetchedAt - began) / 1000, checkSeconds: (ended - fetchedAt) / 1000, rawQuerySeconds: raw.querySeconds, rawHashSeconds: raw.hashSeconds, apiPage };
  return {
    figures: [
      figure('verify.full', `Full verification of the log (${result.leaves.toLocaleString('en')} leaves read from the database, verifier's checks)`, verifySeconds, 's', null, {
        baseline: { label: 'one SQL query of the entries, SHA-256 of each leaf, Merkle root', value: raw.seconds, unit: 's' },
        details,
      }),
      figure('verify.perLeaf', 'Full verification: time per leaf', (verifySeconds * 1e6) / Math.max(1, result.leaves), 'µs', null),
      figure('verify.apiPage', 'GET /api/transparency/leaves, one page of 5,000 leaves (verify-custody --url reads the log this way)', apiPage.seconds, 's', null, {
        details: { projectedFullSeconds: apiPage.seconds * Math.ceil(result.leaves / 5000) },
      }),
      figure('verify.url', 'npm run verify-custody -- --url: the whole log through the public routes, in its own process', cli.seconds, 's', null, {
        baseline: { label: 'the same checks on the log read straight from the database (verify.full)', value: verifySeconds, unit: 's' },
        details: { exitCode: cli.code },
      }),
    ],
    invariants,
  };
}

/**
 * The snapshot `snapshotFromApi` builds, read straight from the database: every leaf in order,
 * every record's entry as it is now (the same view the API reads), the checkpoints; consistency
 * proofs from the app's public route. Through the API the same reading takes one request per
 * 5,000 leaves (see timeOneApiPage, and verifyCustodyUrl for the whole of it).
 */
async function snapshotFromDatabase(databaseUrl: string, baseUrl: string): Promise<LogSnapshot> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows: leafRows } = await client.query<{ leaf_index: string; kind: EntryKind; record_id: string; entry: string }>(`select leaf_index, kind, record_id, entry from transparency_leaves order by leaf_index`);
    const { rows: recordRows } = await client.query<{ kind: EntryKind; record_id: string; entry: string }>(`select kind, record_id, entry from transparency_records`);
    const records = new Map<string, (typeof recordRows)[number]>(recordRows.map((row) => [`${row.kind}:${row.record_id}`, row]));
    const leaves = leafRows.map((row) => {
      const key = `${row.kind}:${row.record_id}`;
      const current = records.get(key)?.entry ?? null;
      records.delete(key);
      return { index: Number(row.leaf_index), kind: row.kind, recordId: Number(row.record_id), entry: row.entry, current };
    });
    const unlogged = [...records.values()].map((row) => ({ kind: row.kind, recordId: Number(row.record_id), entry: row.entry }));
    const { rows: checkpoints } = await client.query<{ id: number; note: string }>(`select id, note from transparency_checkpoints order by id`);
    const consistencyProof = async (from: number, to: number) =>
      (await getJson<{ proof: string[] }>(baseUrl, `/api/transparency/proof/consistency?from=${from}&to=${to}`)).proof.map((hash) => Buffer.from(hash, 'base64'));
    return { leaves, unlogged, checkpoints, consistencyProof };
  } finally {
    await client.end();
  }
}

/** One page of the public leaves route, as `verify-custody --url` reads it. */
async function timeOneApiPage(baseUrl: string) {
  const began = performance.now();
  const response = await fetch(new URL('/api/transparency/leaves?from=0&count=5000', baseUrl));
  const leaves = ((await response.json()) as unknown[]).length;
  return { seconds: (performance.now() - began) / 1000, leaves, status: response.status };
}

/** The verifier itself, as an auditor runs it against the app: every page of leaves, the checkpoints, the consistency proof. */
async function verifyCustodyUrl(baseUrl: string, key: string): Promise<{ seconds: number; code: number; stdout: string; stderr: string }> {
  const root = path.resolve(import.meta.dirname, '../..');
  const began = performance.now();
  const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'api/transparency/verify-custody.ts', '--url', baseUrl, '--key', key], { cwd: root, maxBuffer: 64 * 2 ** 20 }, (error, out, err) =>
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout: out, stderr: err }),
    );
  });
  return { seconds: (performance.now() - began) / 1000, code, stdout, stderr };
}

/** Signs checkpoints of half the tree and of the whole tree, as the app's job would (the verifier then also checks their consistency). */
async function signTwoCheckpoints(databaseUrl: string, signer: ReturnType<typeof parseSignerKey>): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ leaf_hash: Buffer }>(`select leaf_hash from transparency_leaves order by leaf_index`);
    const tree = new MerkleTree(rows.map((row) => row.leaf_hash));
    for (const size of [Math.floor(tree.size / 2), tree.size]) {
      const rootHash = tree.root(size);
      const time = new Date().toISOString();
      const note = signNote(checkpointText({ origin: ORIGIN, size, rootHash, time }), signer);
      await client.query(`insert into transparency_checkpoints (tree_size, root_hash, signed_at, key_id, note) values ($1, $2, $3, $4, $5)`, [size, rootHash, time, signer.keyId.toString('hex'), note]);
    }
    return tree.size;
  } finally {
    await client.end();
  }
}

/** The floor: what recomputing the root from the entries costs without HTTP, record comparison or checks. */
async function rawRoot(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const began = performance.now();
    const { rows } = await client.query<{ entry: string }>(`select entry from transparency_leaves order by leaf_index`);
    const queried = performance.now();
    const hashes: Buffer[] = [];
    for (const row of rows) hashes.push(leafHash(row.entry));
    const root = new MerkleTree(hashes).root();
    const ended = performance.now();
    const [{ root_hash: signedRoot }] = (await client.query<{ root_hash: Buffer }>(`select root_hash from transparency_checkpoints order by id desc limit 1`)).rows;
    return { root, signedRoot, leaves: rows.length, seconds: (ended - began) / 1000, querySeconds: (queried - began) / 1000, hashSeconds: (ended - queried) / 1000 };
  } finally {
    await client.end();
  }
}
