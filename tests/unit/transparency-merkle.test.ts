import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../api/transparency/canonical-json.js';
import { leafHash, MerkleTree, verifyConsistency, verifyInclusion } from '../../api/transparency/merkle.js';

const fixture = (name: string) => JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../fixtures', name), 'utf8'));
const vectors = fixture('transparency-dev-merkle-vectors.json') as {
  leafInputsHex: string[];
  leafHashes: string[];
  rootsBySize: string[];
  inclusionProofs: { leafIndex: number; size: number; proof: string[] }[];
  consistencyProofs: { size1: number; size2: number; proof: string[] }[];
};
const hex = (text: string) => Buffer.from(text, 'hex');
const leaves = vectors.leafInputsHex.map((input) => leafHash(hex(input)));
const tree = new MerkleTree(leaves);

describe('RFC 9162 Merkle tree against the transparency-dev (Go) reference vectors', () => {
  it('hashes leaves with the 0x00 prefix', () => {
    expect(leaves.map((leaf) => leaf.toString('hex'))).toEqual(vectors.leafHashes);
  });

  it('gives the published root for every tree size, the empty tree included', () => {
    for (let size = 0; size <= 8; size++) expect(tree.root(size).toString('hex'), `size ${size}`).toBe(vectors.rootsBySize[size]);
  });

  it('builds and verifies the published inclusion proofs', () => {
    for (const vector of vectors.inclusionProofs) {
      const proof = tree.inclusionProof(vector.leafIndex, vector.size);
      expect(proof.map((hash) => hash.toString('hex'))).toEqual(vector.proof);
      expect(verifyInclusion(vector.leafIndex, vector.size, leaves[vector.leafIndex], proof, hex(vectors.rootsBySize[vector.size]))).toBe(true);
    }
  });

  it('builds and verifies the published consistency proofs', () => {
    for (const vector of vectors.consistencyProofs) {
      const proof = tree.consistencyProof(vector.size1, vector.size2);
      expect(proof.map((hash) => hash.toString('hex'))).toEqual(vector.proof);
      expect(verifyConsistency(vector.size1, vector.size2, proof, hex(vectors.rootsBySize[vector.size1]), hex(vectors.rootsBySize[vector.size2]))).toBe(true);
    }
  });

  it('refuses corrupted inclusion proofs: wrong index, size, leaf, root, a flipped bit, a missing or extra hash', () => {
    const { leafIndex, size, proof: proofHex } = vectors.inclusionProofs[1];
    const proof = proofHex.map(hex);
    const root = hex(vectors.rootsBySize[size]);
    const leaf = leaves[leafIndex];
    expect(verifyInclusion(leafIndex - 1, size, leaf, proof, root)).toBe(false);
    expect(verifyInclusion(leafIndex + 1, size, leaf, proof, root)).toBe(false);
    expect(verifyInclusion(leafIndex, size * 2, leaf, proof, root)).toBe(false);
    expect(verifyInclusion(leafIndex, size / 2, leaf, proof, root)).toBe(false);
    expect(verifyInclusion(leafIndex, size, leaves[0], proof, root)).toBe(false);
    expect(verifyInclusion(leafIndex, size, leaf, proof, hex(vectors.rootsBySize[7]))).toBe(false);
    expect(verifyInclusion(leafIndex, size, leaf, proof.slice(0, -1), root)).toBe(false);
    expect(verifyInclusion(leafIndex, size, leaf, [...proof, root], root)).toBe(false);
    for (let i = 0; i < proof.length; i++) {
      const flipped = proof.map((hash) => Buffer.from(hash));
      flipped[i][0] ^= 8;
      expect(verifyInclusion(leafIndex, size, leaf, flipped, root), `proof[${i}] flipped`).toBe(false);
    }
  });

  it('refuses corrupted consistency proofs: wrong sizes, swapped roots, a flipped bit, truncated or extended', () => {
    const { size1, size2, proof: proofHex } = vectors.consistencyProofs[2];
    const proof = proofHex.map(hex);
    const root1 = hex(vectors.rootsBySize[size1]);
    const root2 = hex(vectors.rootsBySize[size2]);
    expect(verifyConsistency(size1 - 1, size2, proof, root1, root2)).toBe(false);
    expect(verifyConsistency(size1 + 1, size2, proof, root1, root2)).toBe(false);
    expect(verifyConsistency(size1, size2 * 2, proof, root1, root2)).toBe(false);
    expect(verifyConsistency(size1, size2, proof, root2, root1)).toBe(false);
    expect(verifyConsistency(size1, size2, [], root1, root2)).toBe(false);
    expect(verifyConsistency(size1, size2, proof.slice(0, -1), root1, root2)).toBe(false);
    expect(verifyConsistency(size1, size2, [...proof, root2], root1, root2)).toBe(false);
    expect(verifyConsistency(size1, size2, [root1, ...proof], root1, root2)).toBe(false);
    for (let i = 0; i < proof.length; i++) {
      const flipped = proof.map((hash) => Buffer.from(hash));
      flipped[i][0] ^= 16;
      expect(verifyConsistency(size1, size2, flipped, root1, root2), `proof[${i}] flipped`).toBe(false);
    }
  });
});

describe('RFC 9162 proofs, for any tree (property tests)', () => {
  const entries = fc.array(fc.uint8Array({ maxLength: 8 }), { minLength: 1, maxLength: 70 });

  it('every leaf of every tree size has an inclusion proof that verifies, and not for another leaf', () => {
    fc.assert(
      fc.property(entries, fc.nat(), fc.nat(), (inputs, a, b) => {
        const hashes = inputs.map((input) => leafHash(input));
        const anyTree = new MerkleTree(hashes);
        const size = 1 + (a % hashes.length);
        const index = b % size;
        const proof = anyTree.inclusionProof(index, size);
        expect(verifyInclusion(index, size, hashes[index], proof, anyTree.root(size))).toBe(true);
        const other = leafHash(Buffer.concat([Buffer.from(inputs[index]), Buffer.from([1])]));
        expect(verifyInclusion(index, size, other, proof, anyTree.root(size))).toBe(false);
      }),
    );
  });

  it('every older size is consistent with every newer one, and a changed old leaf is not', () => {
    fc.assert(
      fc.property(entries, fc.nat(), fc.nat(), (inputs, a, b) => {
        const hashes = inputs.map((input) => leafHash(input));
        const anyTree = new MerkleTree(hashes);
        const size2 = 1 + (a % hashes.length);
        const size1 = 1 + (b % size2);
        const proof = anyTree.consistencyProof(size1, size2);
        expect(verifyConsistency(size1, size2, proof, anyTree.root(size1), anyTree.root(size2))).toBe(true);
        const rewritten = new MerkleTree(hashes.map((hash, i) => (i === size1 - 1 ? leafHash('rewritten') : hash)));
        if (size1 < size2) expect(verifyConsistency(size1, size2, proof, rewritten.root(size1), anyTree.root(size2))).toBe(false);
      }),
    );
  });
});

describe('RFC 8785 canonical JSON', () => {
  const examples = fixture('rfc8785-examples.json') as { examples: { section: string; input: string; canonical: string }[] };

  it('gives the RFC’s published output for its examples (sorting by UTF-16 code units, string escapes)', () => {
    for (const example of examples.examples) expect(canonicalJson(JSON.parse(example.input)), example.section).toBe(example.canonical);
  });

  it('is stable: parsing and canonicalising again gives the same bytes, whatever the key order', () => {
    const values = fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null)));
    fc.assert(
      fc.property(values, (value) => {
        const once = canonicalJson(value);
        const reversed = Object.fromEntries(Object.entries(value).reverse());
        expect(canonicalJson(reversed)).toBe(once);
        expect(canonicalJson(JSON.parse(once))).toBe(once);
      }),
    );
  });

  it('refuses numbers it cannot write canonically', () => {
    expect(() => canonicalJson(1.5)).toThrow(TypeError);
    expect(() => canonicalJson(2 ** 60)).toThrow(TypeError);
  });
});
