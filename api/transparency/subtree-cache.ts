import { auditPath, consistencySubproof, emptyRoot, MerkleTree, nodeHash, split, type RangeHash } from './merkle.js';

/**
 * Roots and proofs of the log in O(log n) reads instead of reading every leaf (issue #16).
 *
 * Leaves are append-only, so the hash of a perfect, aligned subtree (2^level leaves starting at a
 * multiple of 2^level) never changes once its last leaf is in. Such "blocks" are kept at a few
 * levels; any MTH(D[start:end]) of RFC 9162 §2.1.1 is then made of cached blocks, plus the leaves
 * of the ragged right edge (fewer than the smallest block). Missing blocks are computed from the
 * leaves the first time they are needed and kept. The proofs are the RFC's PATH and SUBPROOF run
 * over these range hashes: the same bytes as `MerkleTree` (a property test holds them equal).
 *
 * The cache is a server-side shortcut, never evidence: a verifier recomputes from the entries.
 */
export interface SubtreeBlock {
  level: number;
  index: number;
  hash: Buffer;
}

/** Where leaf hashes and cached blocks are read (the database; a Map in the unit tests). */
export interface SubtreeStore {
  /** The hashes of these leaves, by index. */
  leafHashes(indexes: number[]): Promise<Map<number, Buffer>>;
  /** The hashes of leaves start..end-1, in order; throws if one is missing. */
  leafRange(start: number, end: number): Promise<Buffer[]>;
  /** The cached blocks among these, keyed by `blockKey`. */
  blocks(level: number, indexes: number[]): Promise<Map<string, Buffer>>;
  saveBlocks(blocks: SubtreeBlock[]): Promise<void>;
}

/** Blocks of 65,536 and of 256 leaves: a root of a million leaves reads at most ~16 + 255 + 255 + 255 rows. */
export const BLOCK_LEVELS: readonly number[] = [16, 8];

export const blockKey = (level: number, index: number) => `${level}:${index}`;

type Piece = { leaf: number } | { level: number; index: number };

export class CachedTree {
  /** `levels` from the largest block to the smallest. */
  constructor(
    private readonly store: SubtreeStore,
    readonly size: number,
    private readonly levels: readonly number[] = BLOCK_LEVELS,
  ) {}

  async root(): Promise<Buffer> {
    if (this.size === 0) return emptyRoot();
    const [root] = await this.compute((hashOf) => [hashOf(0, this.size)]);
    return root;
  }

  /** PATH(m, D[0:size]) for each leaf, read in one pass. */
  async inclusionProofs(leafIndexes: number[]): Promise<Buffer[][]> {
    for (const leafIndex of leafIndexes) {
      if (!Number.isInteger(leafIndex) || leafIndex < 0 || leafIndex >= this.size) throw new RangeError(`leaf ${leafIndex} is not in a tree of ${this.size}`);
    }
    return this.compute((hashOf) => leafIndexes.map((leafIndex) => auditPath(hashOf, leafIndex, 0, this.size)));
  }

  async inclusionProof(leafIndex: number): Promise<Buffer[]> {
    return (await this.inclusionProofs([leafIndex]))[0];
  }

  /** PROOF(m, D[0:size]) (§2.1.4.1), for 0 < m <= size. */
  async consistencyProof(oldSize: number): Promise<Buffer[]> {
    if (!Number.isInteger(oldSize) || oldSize < 1 || oldSize > this.size) throw new RangeError(`no consistency proof from ${oldSize} to ${this.size}`);
    return this.compute((hashOf) => consistencySubproof(hashOf, oldSize, 0, this.size, true));
  }

  /** Runs `run` once to learn which ranges it needs, reads their pieces, then runs it on the real hashes. */
  private async compute<T>(run: (hashOf: RangeHash) => T): Promise<T> {
    const pieces: Piece[] = [];
    const placeholder = Buffer.alloc(32);
    run((start, end) => {
      this.cover(start, end, pieces);
      return placeholder;
    });
    const leaves = await this.store.leafHashes([...new Set(pieces.flatMap((piece) => ('leaf' in piece ? [piece.leaf] : [])))]);
    const blocks = new Map<string, Buffer>();
    for (const level of this.levels) {
      const indexes = [...new Set(pieces.flatMap((piece) => ('level' in piece && piece.level === level ? [piece.index] : [])))];
      for (const [key, hash] of await this.blockHashes(level, indexes)) blocks.set(key, hash);
    }
    const hashOf = (start: number, end: number): Buffer => {
      const block = this.blockAt(start, end);
      if (block) return blocks.get(blockKey(block.level, block.index))!;
      if (end - start === 1) {
        const leaf = leaves.get(start);
        if (!leaf) throw new Error(`transparency log: leaf ${start} is missing`);
        return leaf;
      }
      const k = split(end - start);
      return nodeHash(hashOf(start, start + k), hashOf(start + k, end));
    };
    return run(hashOf);
  }

  /** The pieces MTH(D[start:end]) is made of, split as §2.1.1 splits it. */
  private cover(start: number, end: number, pieces: Piece[]): void {
    const block = this.blockAt(start, end);
    if (block) pieces.push(block);
    else if (end - start === 1) pieces.push({ leaf: start });
    else {
      const k = split(end - start);
      this.cover(start, start + k, pieces);
      this.cover(start + k, end, pieces);
    }
  }

  private blockAt(start: number, end: number): { level: number; index: number } | undefined {
    for (const level of this.levels) {
      const width = 2 ** level;
      if (end - start === width && start % width === 0) return { level, index: start / width };
    }
    return undefined;
  }

  /** These blocks' hashes: from the cache, or computed (from smaller blocks, or leaves) and then cached. */
  private async blockHashes(level: number, indexes: number[]): Promise<Map<string, Buffer>> {
    if (!indexes.length) return new Map();
    const found = await this.store.blocks(level, indexes);
    const missing = indexes.filter((index) => !found.has(blockKey(level, index)));
    if (!missing.length) return found;
    const computed = await this.computeBlocks(level, missing);
    await this.store.saveBlocks(computed);
    for (const block of computed) found.set(blockKey(level, block.index), block.hash);
    return found;
  }

  /** Missing blocks computed: the smallest from their leaves (one read when they are contiguous), the others from smaller blocks. */
  private async computeBlocks(level: number, indexes: number[]): Promise<SubtreeBlock[]> {
    const width = 2 ** level;
    const smaller = this.levels[this.levels.indexOf(level) + 1];
    const computed: SubtreeBlock[] = [];
    if (smaller === undefined) {
      const first = Math.min(...indexes);
      const last = Math.max(...indexes);
      if (last - first + 1 === indexes.length) {
        // a whole run of blocks (what filling a larger block asks): one read of their leaves
        const leaves = await this.store.leafRange(first * width, (last + 1) * width);
        for (const index of indexes) computed.push({ level, index, hash: new MerkleTree(leaves.slice((index - first) * width, (index - first + 1) * width)).root() });
      } else {
        for (const index of indexes) computed.push({ level, index, hash: new MerkleTree(await this.store.leafRange(index * width, (index + 1) * width)).root() });
      }
      return computed;
    }
    const per = 2 ** (level - smaller);
    for (const index of indexes) {
      const children = Array.from({ length: per }, (_unused, i) => index * per + i);
      const hashes = await this.blockHashes(smaller, children);
      // a perfect tree over equal perfect subtrees: MTH of the subtree roots taken as leaves
      computed.push({ level, index, hash: new MerkleTree(children.map((child) => hashes.get(blockKey(smaller, child))!)).root() });
    }
    return computed;
  }
}
