import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { leafHash, MerkleTree } from '../../api/transparency/merkle.js';
import { blockKey, BLOCK_LEVELS, CachedTree, type SubtreeBlock, type SubtreeStore } from '../../api/transparency/subtree-cache.js';

const leaves = Array.from({ length: 1100 }, (_unused, i) => leafHash(`leaf ${i}`));
const reference = new MerkleTree(leaves);

/** The store in memory, counting the rows each read returns. */
function memoryStore(size = leaves.length) {
  const cached = new Map<string, Buffer>();
  const counts = { leafRows: 0, blockRows: 0, saved: 0 };
  const store: SubtreeStore = {
    async leafHashes(indexes) {
      counts.leafRows += indexes.length;
      return new Map(indexes.filter((index) => index < size).map((index) => [index, leaves[index]]));
    },
    async leafRange(start, end) {
      if (end > size) throw new Error(`transparency log: leaf ${size} is missing`);
      counts.leafRows += end - start;
      return leaves.slice(start, end);
    },
    async blocks(level, indexes) {
      const found = new Map(indexes.flatMap((index) => (cached.has(blockKey(level, index)) ? [[blockKey(level, index), cached.get(blockKey(level, index))!] as const] : [])));
      counts.blockRows += found.size;
      return found;
    },
    async saveBlocks(blocks: SubtreeBlock[]) {
      counts.saved += blocks.length;
      for (const block of blocks) if (!cached.has(blockKey(block.level, block.index))) cached.set(blockKey(block.level, block.index), block.hash);
    },
  };
  return { store, cached, counts };
}

const hex = (hashes: Buffer[]) => hashes.map((hash) => hash.toString('hex'));
const LEVEL_SETS: (readonly number[])[] = [BLOCK_LEVELS, [8], [4, 2], [6, 3, 1]];
/** Fewer level sets where every leaf or size is tried (slow on a loaded machine). */
const SOME_LEVEL_SETS: (readonly number[])[] = [BLOCK_LEVELS, [4, 2]];
const AROUND_BOUNDARIES = [1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 63, 64, 65, 255, 256, 257, 511, 512, 513, 767, 768, 769, 1023, 1024, 1025, 1100];

describe('subtree cache: the same roots and proofs as the whole tree rebuilt (RFC 9162)', () => {
  it('gives the same root for every size 0..600 and around block boundaries, whatever the block levels', async () => {
    for (const levels of LEVEL_SETS) {
      const { store } = memoryStore();
      const sizes = [...Array.from({ length: 601 }, (_unused, i) => i), ...AROUND_BOUNDARIES];
      for (const size of sizes) {
        expect((await new CachedTree(store, size, levels).root()).toString('hex'), `size ${size}, levels ${levels}`).toBe(reference.root(size).toString('hex'));
      }
    }
  });

  it('gives the same inclusion proof for every leaf of trees around block boundaries', async () => {
    for (const levels of SOME_LEVEL_SETS) {
      const { store } = memoryStore();
      for (const size of [255, 256, 257, 511, 512, 513]) {
        const indexes = Array.from({ length: size }, (_unused, i) => i);
        const proofs = await new CachedTree(store, size, levels).inclusionProofs(indexes);
        indexes.forEach((index) => expect(hex(proofs[index]), `leaf ${index} of ${size}, levels ${levels}`).toEqual(hex(reference.inclusionProof(index, size))));
      }
    }
  });

  it('gives the same consistency proof from every size to trees around block boundaries', async () => {
    for (const levels of SOME_LEVEL_SETS) {
      const { store } = memoryStore();
      for (const size of [255, 256, 257, 511, 512, 513]) {
        for (let from = 1; from <= size; from++) {
          expect(hex(await new CachedTree(store, size, levels).consistencyProof(from)), `${from} → ${size}, levels ${levels}`).toEqual(hex(reference.consistencyProof(from, size)));
        }
      }
    }
  });

  it('gives the same inclusion and consistency proofs for random leaves and sizes, cache cold or warm', async () => {
    const warm = memoryStore();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: leaves.length }), fc.nat(), fc.nat(), fc.constantFrom(...LEVEL_SETS), async (size, leafSeed, fromSeed, levels) => {
        const leaf = leafSeed % size;
        const from = (fromSeed % size) + 1;
        for (const { store } of [warm, memoryStore()]) {
          const tree = new CachedTree(store, size, levels);
          expect(hex(await tree.inclusionProof(leaf))).toEqual(hex(reference.inclusionProof(leaf, size)));
          expect(hex(await tree.consistencyProof(from))).toEqual(hex(reference.consistencyProof(from, size)));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reads O(log n) rows once the blocks are cached, and caches only complete blocks', async () => {
    const { store, cached, counts } = memoryStore(1100);
    await new CachedTree(store, 1100).root();
    // 4 complete blocks of 256 (leaves 0..1023); the 76 leaves after them are never a block
    expect([...cached.keys()].sort()).toEqual(['8:0', '8:1', '8:2', '8:3']);
    const rowsFor = async (operation: (tree: CachedTree) => Promise<unknown>) => {
      counts.leafRows = 0;
      counts.blockRows = 0;
      await operation(new CachedTree(store, 1100));
      return { leafRows: counts.leafRows, blockRows: counts.blockRows };
    };
    // the root: 4 blocks and the 76 leaves after them, never the 1,100 leaves again
    expect(await rowsFor((tree) => tree.root())).toEqual({ leafRows: 76, blockRows: 4 });
    // a proof: fewer leaves than a block for each ragged range it needs (an inclusion proof also
    // reads the leaves of its own block, whose inner nodes are not cached)
    expect((await rowsFor((tree) => tree.consistencyProof(700))).leafRows).toBeLessThan(3 * 256);
    expect((await rowsFor((tree) => tree.inclusionProof(1000))).leafRows).toBeLessThan(2 * 256);
    expect(counts.saved).toBe(4);
  });

  it('refuses a leaf or a size outside the tree, as MerkleTree does', async () => {
    const { store } = memoryStore();
    await expect(new CachedTree(store, 10).inclusionProof(10)).rejects.toThrow(RangeError);
    await expect(new CachedTree(store, 10).inclusionProof(-1)).rejects.toThrow(RangeError);
    await expect(new CachedTree(store, 10).consistencyProof(0)).rejects.toThrow(RangeError);
    await expect(new CachedTree(store, 10).consistencyProof(11)).rejects.toThrow(RangeError);
  });

  it('fails rather than answer when a leaf the tree needs is missing', async () => {
    const { store } = memoryStore(300);
    await expect(new CachedTree(store, 600).root()).rejects.toThrow(/leaf \d+ is missing/);
  });
});
