import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';

/**
 * Ed25519 signed notes (c2sp.org/signed-note) and checkpoints (c2sp.org/tlog-checkpoint), with
 * keys written as Go's golang.org/x/mod/sumdb/note writes them, so the usual tools read them:
 *   signer   PRIVATE+KEY+<name>+<key id, 8 hex>+<base64(0x01 || 32-byte seed)>
 *   verifier <name>+<key id, 8 hex>+<base64(0x01 || 32-byte public key)>
 * key id = SHA-256(name || 0x0A || 0x01 || public key)[:4].
 */
const ED25519 = 0x01;

export interface NoteSigner {
  name: string;
  keyId: Buffer;
  privateKey: KeyObject;
  publicKey: Buffer;
}

export class NoteError extends Error {}

const keyIdOf = (name: string, publicKey: Buffer) => createHash('sha256').update(Buffer.concat([Buffer.from(`${name}\n`, 'utf8'), Buffer.from([ED25519]), publicKey])).digest().subarray(0, 4);

function checkName(name: string): void {
  if (!name || /[\s+]/u.test(name)) throw new NoteError(`nom de clé invalide : « ${name} » (ni espace ni +)`);
}

/** A new signing key, as text to keep in a secret store or in the demo's data folder. */
export function generateSignerKey(name: string): string {
  checkName(name);
  const { privateKey } = generateKeyPairSync('ed25519');
  const seed = Buffer.from(privateKey.export({ format: 'jwk' }).d!, 'base64url');
  const publicKey = rawPublicKey(privateKey);
  return `PRIVATE+KEY+${name}+${keyIdOf(name, publicKey).toString('hex')}+${Buffer.concat([Buffer.from([ED25519]), seed]).toString('base64')}`;
}

export function parseSignerKey(text: string): NoteSigner {
  const parts = splitKey(text, 5);
  if (!parts || parts[0] !== 'PRIVATE' || parts[1] !== 'KEY') throw new NoteError('clé de signature illisible : PRIVATE+KEY+nom+identifiant+clé attendu');
  const [, , name, idHex, keyBase64] = parts;
  checkName(name);
  const key = Buffer.from(keyBase64, 'base64');
  if (key.length !== 33 || key[0] !== ED25519) throw new NoteError('clé de signature : Ed25519 (33 octets, type 0x01) attendue');
  const seed = key.subarray(1);
  const publicKey = publicFromSeed(seed);
  const keyId = keyIdOf(name, publicKey);
  if (keyId.toString('hex') !== idHex.toLowerCase()) throw new NoteError("clé de signature : l'identifiant ne correspond pas à la clé");
  const privateKey = createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', d: seed.toString('base64url'), x: publicKey.toString('base64url') }, format: 'jwk' });
  return { name, keyId, privateKey, publicKey };
}

export function verifierKey(signer: Pick<NoteSigner, 'name' | 'keyId' | 'publicKey'>): string {
  return `${signer.name}+${signer.keyId.toString('hex')}+${Buffer.concat([Buffer.from([ED25519]), signer.publicKey]).toString('base64')}`;
}

export interface NoteVerifier {
  name: string;
  keyId: Buffer;
  publicKey: KeyObject;
}

export function parseVerifierKey(text: string): NoteVerifier {
  const parts = splitKey(text, 3);
  if (!parts) throw new NoteError('clé publique illisible : nom+identifiant+clé attendu');
  const [name, idHex, keyBase64] = parts;
  checkName(name);
  const key = Buffer.from(keyBase64, 'base64');
  if (key.length !== 33 || key[0] !== ED25519) throw new NoteError('clé publique : Ed25519 (33 octets, type 0x01) attendue');
  const raw = key.subarray(1);
  const keyId = keyIdOf(name, raw);
  if (keyId.toString('hex') !== idHex.toLowerCase()) throw new NoteError("clé publique : l'identifiant ne correspond pas à la clé");
  return { name, keyId, publicKey: createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' }) };
}

/** The note text (ending in a newline), a blank line, one signature line. */
export function signNote(text: string, signer: NoteSigner): string {
  if (!text.endsWith('\n')) throw new NoteError('le texte d’une note finit par un saut de ligne');
  const signature = sign(null, Buffer.from(text, 'utf8'), signer.privateKey);
  return `${text}\n— ${signer.name} ${Buffer.concat([signer.keyId, signature]).toString('base64')}\n`;
}

/** The text of `note` if a signature line of `verifier` verifies it; throws NoteError otherwise. */
export function openNote(note: string, verifier: NoteVerifier): string {
  if (/[\u0000-\u0009\u000b-\u001f]/.test(note)) throw new NoteError('note : caractère de contrôle');
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) throw new NoteError('note : pas de ligne vide avant les signatures');
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split('\n');
  let verified = false;
  for (const line of lines) {
    const match = /^— (\S+) ([A-Za-z0-9+/=]+)$/u.exec(line);
    if (!match) throw new NoteError(`note : ligne de signature illisible « ${line} »`);
    const blob = Buffer.from(match[2], 'base64');
    if (match[1] !== verifier.name || blob.length < 4 || !blob.subarray(0, 4).equals(verifier.keyId)) continue;
    if (!verify(null, Buffer.from(text, 'utf8'), verifier.publicKey, blob.subarray(4))) throw new NoteError('note : signature invalide');
    verified = true;
  }
  if (!verified) throw new NoteError('note : aucune signature de la clé attendue');
  return text;
}

export interface Checkpoint {
  origin: string;
  size: number;
  rootHash: Buffer;
  /** When it was signed (an extension line `time <ISO 8601>`: the issue asks for it signed). */
  time: string;
}

/** The checkpoint body of c2sp.org/tlog-checkpoint, with one extension line for its time. */
export function checkpointText(checkpoint: Checkpoint): string {
  checkName(checkpoint.origin);
  return `${checkpoint.origin}\n${checkpoint.size}\n${checkpoint.rootHash.toString('base64')}\ntime ${checkpoint.time}\n`;
}

export function parseCheckpointText(text: string): Checkpoint {
  const lines = text.split('\n');
  const [origin, size, root] = lines;
  const time = lines.slice(3).find((line) => line.startsWith('time '))?.slice(5) ?? '';
  if (!/^(0|[1-9][0-9]{0,15})$/.test(size ?? '')) throw new NoteError('point de contrôle : taille illisible');
  const rootHash = Buffer.from(root ?? '', 'base64');
  if (rootHash.length !== 32 || rootHash.toString('base64') !== root) throw new NoteError('point de contrôle : racine illisible');
  return { origin, size: Number(size), rootHash, time };
}

/** The `+`-separated fields of a key; the last (base64) may itself hold `+`. */
function splitKey(text: string, count: number): string[] | undefined {
  const parts = text.trim().split('+');
  if (parts.length < count) return undefined;
  return [...parts.slice(0, count - 1), parts.slice(count - 1).join('+')];
}

function publicFromSeed(seed: Buffer): Buffer {
  // PKCS#8 wrapping of a raw Ed25519 seed (RFC 8410)
  const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  return rawPublicKey(createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }));
}

function rawPublicKey(privateKey: KeyObject): Buffer {
  return Buffer.from(createPublicKey(privateKey).export({ format: 'jwk' }).x!, 'base64url');
}
