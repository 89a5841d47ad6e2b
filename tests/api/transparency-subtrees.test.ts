import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { MerkleTree, verifyInclusion } from '../../api/transparency/merkle.js';

/**
 * Proofs through the subtree cache (`transparency_subtrees`) in the real database: a log grown
 * past two blocks of 256 leaves answers the same proofs as the tree rebuilt from every leaf, and
 * keeps the complete blocks it computed.
 */
let t: TestApp;
const EXTRA_LEAVES = 700;

async function asSuperuser<T>(statements: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: t.databaseUrl });
  await client.connect();
  try {
    await client.query('begin');
    await client.query('set local session_replication_role = replica');
    const result = await statements(client);
    await client.query('commit');
    return result;
  } finally {
    await client.end();
  }
}

const leafHashes = async () => (await t.sql<{ leaf_hash: Buffer }>(`select leaf_hash from transparency_leaves order by leaf_index`)).map((row) => row.leaf_hash);
const referenceTree = async () => new MerkleTree(await leafHashes());
const b64 = (hashes: Buffer[]) => hashes.map((hash) => hash.toString('base64'));

beforeAll(async () => {
  t = await createTestApp();
  // document leaves of made-up PDFs, appended after the seeded history: the log's own shape, quicker than 700 requests
  await t.sql(
    `insert into transparency_leaves (leaf_index, kind, record_id, device_id, entry, leaf_hash)
     select n + i, 'document', 1000000 + i, null, 'made-up entry ' || i, sha256('\\x00'::bytea || convert_to('made-up entry ' || i, 'UTF8'))
     from (select coalesce(max(leaf_index) + 1, 0) as n from transparency_leaves) s, generate_series(0, $1 - 1) as i`,
    [EXTRA_LEAVES],
  );
});
afterAll(async () => {
  await t?.close();
});

describe('transparency proofs through the subtree cache', () => {
  it('answers the same inclusion and consistency proofs as the tree rebuilt from every leaf, and keeps the complete blocks', async () => {
    const reference = await referenceTree();
    const size = reference.size;
    expect(size).toBeGreaterThanOrEqual(EXTRA_LEAVES);
    for (const [leaf, treeSize] of [[0, size], [size - 1, size], [255, 256], [256, 257], [300, 513], [Math.floor(size / 2), size - 1]]) {
      const res = await t.http.get(`/api/transparency/proof/inclusion?leaf=${leaf}&size=${treeSize}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.proof, `leaf ${leaf} of ${treeSize}`).toEqual(b64(reference.inclusionProof(leaf, treeSize)));
    }
    for (const [from, to] of [[1, size], [255, 256], [256, 512], [257, 513], [511, size], [size - 1, size], [size, size]]) {
      const res = await t.http.get(`/api/transparency/proof/consistency?from=${from}&to=${to}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.proof, `${from} → ${to}`).toEqual(b64(reference.consistencyProof(from, to)));
    }
    const blocks = await t.sql<{ level: number; block_index: string; hash: Buffer }>(`select level, block_index, hash from transparency_subtrees order by level, block_index`);
    const complete = Math.floor(size / 256);
    expect(blocks.map((block) => `${block.level}:${block.block_index}`)).toEqual(Array.from({ length: complete }, (_unused, i) => `8:${i}`));
    const hashes = await leafHashes();
    blocks.forEach((block, i) => expect(block.hash.equals(new MerkleTree(hashes.slice(256 * i, 256 * (i + 1))).root()), `block ${i}`).toBe(true));
    // answered again from the cache: the same bytes, no block added
    const again = await t.http.get(`/api/transparency/proof/consistency?from=257&to=${size}`);
    expect(again.body.proof).toEqual(b64(reference.consistencyProof(257, size)));
    expect(await t.sql(`select count(*)::int as n from transparency_subtrees`)).toEqual([{ n: complete }]);
  });

  it('refuses to update or delete a cached block (append-only, like the leaves)', async () => {
    await expect(t.sql(`update transparency_subtrees set hash = sha256('x') where level = 8 and block_index = 0`)).rejects.toThrow(/append-only/);
    await expect(t.sql(`delete from transparency_subtrees where level = 8 and block_index = 0`)).rejects.toThrow(/append-only/);
  });

  it('a block rewritten by the database superuser only makes the server give a proof that fails verification', async () => {
    const reference = await referenceTree();
    const size = reference.size;
    // block 0 (leaves 0..255) is a sibling on the path of leaf 300
    const target = 300;
    const proofOf = (body: { proof: string[] }) => body.proof.map((hash) => Buffer.from(hash, 'base64'));
    const before = await t.http.get(`/api/transparency/proof/inclusion?leaf=${target}&size=${size}`);
    expect(verifyInclusion(target, size, Buffer.from(before.body.leafHash, 'base64'), proofOf(before.body), reference.root())).toBe(true);
    const forged = await asSuperuser(async (client) => {
      const { rows } = await client.query<{ hash: Buffer }>(`update transparency_subtrees set hash = sha256('forged') where level = 8 and block_index = 0 returning hash`);
      return rows[0].hash;
    });
    try {
      const after = await t.http.get(`/api/transparency/proof/inclusion?leaf=${target}&size=${size}`);
      expect(after.status).toBe(200);
      const proof = proofOf(after.body);
      expect(proof.some((hash) => hash.equals(forged))).toBe(true);
      expect(verifyInclusion(target, size, Buffer.from(after.body.leafHash, 'base64'), proof, reference.root())).toBe(false);
    } finally {
      await asSuperuser((client) => client.query(`update transparency_subtrees set hash = $1 where level = 8 and block_index = 0`, [reference.root(256)]));
    }
  });
});
