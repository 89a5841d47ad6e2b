// An independent check of Réemploi's transparency log, written from RFC 9162 §2.1 and
// c2sp.org/signed-note alone, with nothing but Node's own crypto and fetch: it shares no code with
// the project (not its verifier, not its Merkle module).
//   node tests/tools/independent-check.mjs <base URL> <leaf index>
// Prints "OK <size> <root>" and exits 0 when the latest checkpoint's Ed25519 signature verifies
// with the published key and the leaf's inclusion proof leads to the checkpoint's root.
import { createHash, createPublicKey, verify } from 'node:crypto';

const [base, leafArgument] = process.argv.slice(2);
const sha256 = (...parts) => parts.reduce((hash, part) => hash.update(part), createHash('sha256')).digest();
const get = async (path) => {
  const response = await fetch(new URL(path, base));
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
};
const fail = (message) => {
  console.error(`FAIL ${message}`);
  process.exit(1);
};

const { verifierKey } = await get('/api/transparency/key');
const [name, keyIdHex, ...keyParts] = verifierKey.split('+');
const typedKey = Buffer.from(keyParts.join('+'), 'base64');
if (typedKey[0] !== 0x01 || typedKey.length !== 33) fail('not an Ed25519 verifier key');
const rawKey = typedKey.subarray(1);
const keyId = sha256(Buffer.from(`${name}\n`), Buffer.from([0x01]), rawKey).subarray(0, 4);
if (keyId.toString('hex') !== keyIdHex) fail('key id does not match the key');
const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: rawKey.toString('base64url') }, format: 'jwk' });

// signed note: text, blank line, "— name base64(keyid || signature)"
const { note } = await get('/api/transparency/checkpoint');
const split = note.lastIndexOf('\n\n');
const text = note.slice(0, split + 1);
const signatures = note.slice(split + 2).trimEnd().split('\n');
const ours = signatures.map((line) => line.match(/^\u2014 (\S+) (\S+)$/)).find((match) => match && match[1] === name && Buffer.from(match[2], 'base64').subarray(0, 4).equals(keyId));
if (!ours) fail('no signature by the published key');
if (!verify(null, Buffer.from(text), publicKey, Buffer.from(ours[2], 'base64').subarray(4))) fail('checkpoint signature does not verify');
const [, sizeLine, rootLine] = text.split('\n');
const size = Number(sizeLine);
const root = Buffer.from(rootLine, 'base64');

// RFC 9162 §2.1.3.2, verbatim
const leafIndex = Number(leafArgument);
const inclusion = await get(`/api/transparency/proof/inclusion?leaf=${leafIndex}&size=${size}`);
const leafHash = sha256(Buffer.from([0x00]), Buffer.from(inclusion.entry, 'utf8'));
if (leafHash.toString('base64') !== inclusion.leafHash) fail('leaf hash is not SHA-256(0x00 || entry)');
let fn = leafIndex;
let sn = size - 1;
let r = leafHash;
for (const p of inclusion.proof.map((hash) => Buffer.from(hash, 'base64'))) {
  if (sn === 0) fail('proof too long');
  if (fn % 2 === 1 || fn === sn) {
    r = sha256(Buffer.from([0x01]), p, r);
    if (fn % 2 === 0) while (fn % 2 === 0 && fn !== 0) [fn, sn] = [fn >> 1, sn >> 1];
  } else {
    r = sha256(Buffer.from([0x01]), r, p);
  }
  [fn, sn] = [fn >> 1, sn >> 1];
}
if (sn !== 0 || !r.equals(root)) fail('inclusion proof does not lead to the signed root');
console.log(`OK ${size} ${rootLine}`);
