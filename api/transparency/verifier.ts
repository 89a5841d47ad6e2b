import { canonicalJson } from './canonical-json.js';
import { differences, type EntryKind } from './entries.js';
import { leafHash, MerkleTree, verifyConsistency, verifyInclusion } from './merkle.js';
import { NoteError, openNote, parseCheckpointText, type NoteVerifier } from './signed-note.js';

/**
 * The checks of `npm run verify-custody`, on what a server or a backup says (a snapshot), trusting
 * nothing but the public key given by the auditor: every leaf rebuilt from its entry, every
 * record compared with its leaf, every checkpoint's signature and root, and the consistency of
 * each checkpoint with the next.
 */
export interface SnapshotLeaf {
  index: number;
  kind: EntryKind;
  recordId: number;
  entry: string;
  /** The hash stored beside the entry (backup), if any. */
  leafHash?: Buffer;
  /** The record's entry as the database holds it now; null: the record is gone. */
  current: string | null;
}

export interface LogSnapshot {
  leaves: SnapshotLeaf[];
  /** Records without a leaf. */
  unlogged: { kind: EntryKind; recordId: number; entry: string }[];
  /** Oldest first. */
  checkpoints: { id: number; note: string }[];
  /** A consistency proof from the server, when it can give one (API); a backup has none. */
  consistencyProof?: (from: number, to: number) => Promise<Buffer[]>;
}

export interface Problem {
  /** The leaf or checkpoint named, to sort the report: leaves first. */
  order: number;
  message: string;
}

const KIND_FR: Record<EntryKind, string> = { event: 'événement', sanitization: 'effacement', certificate: 'certificat', document: 'document émis' };
const recordName = (kind: EntryKind, id: number) => `${KIND_FR[kind]} ${id}`;

export async function verifySnapshot(snapshot: LogSnapshot, key: NoteVerifier): Promise<{ problems: Problem[]; leaves: number; checkpoints: number }> {
  const problems: Problem[] = [...checkLeaves(snapshot), ...checkUnlogged(snapshot)];
  problems.push(...(await checkCheckpoints(snapshot, key)));
  problems.sort((a, b) => a.order - b.order);
  return { problems, leaves: snapshot.leaves.length, checkpoints: snapshot.checkpoints.length };
}

function checkLeaves(snapshot: LogSnapshot): Problem[] {
  const problems: Problem[] = [];
  snapshot.leaves.forEach((leaf, position) => {
    const name = `feuille ${leaf.index} (${recordName(leaf.kind, leaf.recordId)})`;
    const problem = (message: string) => problems.push({ order: leaf.index, message: `${name} : ${message}` });
    if (leaf.index !== position) return problem(`index attendu ${position} : une feuille manque ou est en double`);
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(leaf.entry);
      if (canonicalJson(parsed as never) !== leaf.entry) return problem("l'entrée n'est pas en JSON canonique (RFC 8785)");
    } catch {
      return problem("l'entrée n'est pas du JSON");
    }
    if (parsed.kind !== leaf.kind || parsed.id !== leaf.recordId) return problem("l'entrée ne désigne pas cet enregistrement");
    if (leaf.leafHash && !leaf.leafHash.equals(leafHash(leaf.entry))) return problem("l'empreinte enregistrée n'est pas SHA-256(0x00 || entrée) : l'entrée a été réécrite");
    if (leaf.current === null) return problem("l'enregistrement a disparu de la base (supprimé)");
    if (leaf.current !== leaf.entry) return problem(`l'enregistrement a été modifié — ${differences(parsed, JSON.parse(leaf.current)).join(' ; ')}`);
  });
  return problems;
}

function checkUnlogged(snapshot: LogSnapshot): Problem[] {
  return snapshot.unlogged.map((record) => {
    const entry = JSON.parse(record.entry) as { assetTag?: string; reference?: string; at?: string };
    return {
      order: Number.MAX_SAFE_INTEGER / 2,
      message: `${recordName(record.kind, record.recordId)} (${entry.assetTag ?? entry.reference ?? '?'}, ${entry.at ?? '?'}) : absent du journal (écrit hors du journal, par exemple inséré après coup)`,
    };
  });
}

async function checkCheckpoints(snapshot: LogSnapshot, key: NoteVerifier): Promise<Problem[]> {
  const problems: Problem[] = [];
  const tree = new MerkleTree(snapshot.leaves.map((leaf) => leafHash(leaf.entry)));
  const order = Number.MAX_SAFE_INTEGER / 2 + 1;
  let previous: { id: number; size: number; root: Buffer } | undefined;
  for (const checkpoint of snapshot.checkpoints) {
    const name = `point de contrôle n° ${checkpoint.id}`;
    let body;
    try {
      body = parseCheckpointText(openNote(checkpoint.note, key));
    } catch (error) {
      problems.push({ order, message: `${name} : ${error instanceof NoteError ? error.message : String(error)}` });
      continue;
    }
    if (body.size > tree.size) {
      problems.push({ order, message: `${name} : signé pour ${body.size} feuilles, le journal n'en a que ${tree.size} (des feuilles ont été supprimées)` });
    } else if (!tree.root(body.size).equals(body.rootHash)) {
      const from = previous && previous.size <= body.size ? previous.size : 0;
      problems.push({ order, message: `${name} (taille ${body.size}) : la racine recalculée diffère de la racine signée — une feuille d'index ${from} à ${body.size - 1} a été réécrite` });
    }
    if (previous) problems.push(...(await checkConsistency(snapshot, previous, { id: checkpoint.id, size: body.size, root: body.rootHash }, order)));
    previous = { id: checkpoint.id, size: body.size, root: body.rootHash };
  }
  return problems;
}

async function checkConsistency(snapshot: LogSnapshot, older: { id: number; size: number; root: Buffer }, newer: { id: number; size: number; root: Buffer }, order: number): Promise<Problem[]> {
  const name = `points de contrôle n° ${older.id} et n° ${newer.id}`;
  if (newer.size < older.size) return [{ order, message: `${name} : l'arbre a rétréci (${older.size} puis ${newer.size} feuilles)` }];
  if (!snapshot.consistencyProof || older.size === 0) return [];
  const proof = await snapshot.consistencyProof(older.size, newer.size);
  return verifyConsistency(older.size, newer.size, proof, older.root, newer.root) ? [] : [{ order, message: `${name} : la preuve de cohérence (RFC 9162 §2.1.4) ne vérifie pas — l'historique a été réécrit entre les deux` }];
}

/** One device's proofs (`--device`): every leaf's inclusion in the signed checkpoint. */
export function checkInclusions(leaves: { index: number; kind: EntryKind; recordId: number; entry: string; proof: Buffer[] | null }[], checkpoint: { id: number; size: number; root: Buffer }): Problem[] {
  return leaves.flatMap((leaf) => {
    if (!leaf.proof) return [];
    return verifyInclusion(leaf.index, checkpoint.size, leafHash(leaf.entry), leaf.proof, checkpoint.root)
      ? []
      : [{ order: leaf.index, message: `feuille ${leaf.index} (${recordName(leaf.kind, leaf.recordId)}) : la preuve d'inclusion ne mène pas à la racine du point de contrôle n° ${checkpoint.id}` }];
  });
}
