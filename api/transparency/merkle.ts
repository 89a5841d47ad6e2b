import { createHash } from 'node:crypto';

/**
 * The Merkle tree of RFC 9162 §2.1 (Certificate Transparency v2): leaf = SHA-256(0x00 || entry),
 * node = SHA-256(0x01 || left || right), the empty tree's hash is SHA-256 of nothing. Proofs are
 * the audit paths of §2.1.3 and the consistency proofs of §2.1.4, verified by the algorithms of
 * §2.1.3.2 and §2.1.4.2.
 */
const sha256 = (...parts: Uint8Array[]): Buffer => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
};

export const leafHash = (entry: Uint8Array | string): Buffer => sha256(Buffer.from([0]), typeof entry === 'string' ? Buffer.from(entry, 'utf8') : entry);
export const nodeHash = (left: Uint8Array, right: Uint8Array): Buffer => sha256(Buffer.from([1]), left, right);
export const emptyRoot = (): Buffer => sha256();

/** The largest power of two smaller than n (n > 1). */
export function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH(D[start:end]): the hash of a range of leaves, however it is obtained. */
export type RangeHash = (start: number, end: number) => Buffer;

/** PATH(m, D[start:end]) (§2.1.3.1) over any source of range hashes. */
export function auditPath(hashOf: RangeHash, m: number, start: number, end: number): Buffer[] {
  const n = end - start;
  if (n === 1) return [];
  const k = split(n);
  return m < k
    ? [...auditPath(hashOf, m, start, start + k), hashOf(start + k, end)]
    : [...auditPath(hashOf, m - k, start + k, end), hashOf(start, start + k)];
}

/** SUBPROOF(m, D[start:end], b) (§2.1.4.1) over any source of range hashes. */
export function consistencySubproof(hashOf: RangeHash, m: number, start: number, end: number, wholeOldTree: boolean): Buffer[] {
  const n = end - start;
  if (m === n) return wholeOldTree ? [] : [hashOf(start, end)];
  const k = split(n);
  return m <= k
    ? [...consistencySubproof(hashOf, m, start, start + k, wholeOldTree), hashOf(start + k, end)]
    : [...consistencySubproof(hashOf, m - k, start + k, end, false), hashOf(start, start + k)];
}

/**
 * A tree over leaf hashes. Subtree hashes are memoised, so the root and any number of proofs for
 * one tree size cost one pass over the leaves.
 */
export class MerkleTree {
  private readonly memo = new Map<string, Buffer>();

  constructor(private readonly leaves: readonly Uint8Array[]) {}

  get size(): number {
    return this.leaves.length;
  }

  /** MTH(D[0:size]), the root of the first `size` leaves. */
  root(size = this.leaves.length): Buffer {
    this.checkSize(size);
    return size === 0 ? emptyRoot() : this.hashOf(0, size);
  }

  /** PATH(m, D[0:size]) (§2.1.3.1). */
  inclusionProof(leafIndex: number, size = this.leaves.length): Buffer[] {
    this.checkSize(size);
    if (!Number.isInteger(leafIndex) || leafIndex < 0 || leafIndex >= size) throw new RangeError(`leaf ${leafIndex} is not in a tree of ${size}`);
    return auditPath((start, end) => this.hashOf(start, end), leafIndex, 0, size);
  }

  /** PROOF(m, D[0:size]) (§2.1.4.1), for 0 < m <= size. */
  consistencyProof(oldSize: number, size = this.leaves.length): Buffer[] {
    this.checkSize(size);
    if (!Number.isInteger(oldSize) || oldSize < 1 || oldSize > size) throw new RangeError(`no consistency proof from ${oldSize} to ${size}`);
    return consistencySubproof((start, end) => this.hashOf(start, end), oldSize, 0, size, true);
  }

  private checkSize(size: number): void {
    if (!Number.isInteger(size) || size < 0 || size > this.leaves.length) throw new RangeError(`tree size ${size} out of 0..${this.leaves.length}`);
  }

  private hashOf(start: number, end: number): Buffer {
    if (end - start === 1) return Buffer.from(this.leaves[start]);
    const key = `${start}:${end}`;
    let hash = this.memo.get(key);
    if (!hash) {
      const k = split(end - start);
      hash = nodeHash(this.hashOf(start, start + k), this.hashOf(start + k, end));
      this.memo.set(key, hash);
    }
    return hash;
  }
}

/** §2.1.3.2: does `proof` show leaf `leafIndex` (hash `leaf`) in the tree of `size` whose root is `root`? */
export function verifyInclusion(leafIndex: number, size: number, leaf: Uint8Array, proof: readonly Uint8Array[], root: Uint8Array): boolean {
  if (leafIndex >= size || leafIndex < 0) return false;
  let fn = leafIndex;
  let sn = size - 1;
  let r: Buffer = Buffer.from(leaf);
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(root);
}

/** §2.1.4.2: does `proof` show the tree of `size1` (root `root1`) is a prefix of the tree of `size2` (root `root2`)? */
export function verifyConsistency(size1: number, size2: number, proof: readonly Uint8Array[], root1: Uint8Array, root2: Uint8Array): boolean {
  if (size1 < 1 || size1 > size2) return false;
  if (size1 === size2) return proof.length === 0 && Buffer.from(root1).equals(root2);
  let path = [...proof];
  if (isPowerOfTwo(size1)) path = [Buffer.from(root1), ...path];
  if (path.length === 0) return false;
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr: Buffer = Buffer.from(path[0]);
  let sr: Buffer = Buffer.from(path[0]);
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && fr.equals(root1) && sr.equals(root2);
}

const isPowerOfTwo = (n: number) => n > 0 && (n & (n - 1)) === 0;
