import { readFileSync } from 'node:fs';
import { countOf } from '../core/french.js';
import { parseArgs } from 'node:util';
import { parseCheckpointText, openNote, parseVerifierKey, type NoteVerifier } from './signed-note.js';
import { deviceProofFromApi, snapshotFromApi, snapshotFromBackup } from './snapshot-sources.js';
import { checkInclusions, verifySnapshot, type Problem } from './verifier.js';

const USAGE = `Usage :
  npm run verify-custody -- --url https://reemploi.lenord.fr --key CLÉ [--device CD59-000123-7 --token JETON]
  npm run verify-custody -- --backup FICHIER --key CLÉ

--key : la clé publique des points de contrôle (nom+identifiant+clé, ou un fichier qui la contient),
obtenue hors du serveur vérifié (le DPO, le partenaire, un point de contrôle imprimé).
--device : ne vérifie que l'historique d'un appareil (compte autorisé à le lire : --token ou REEMPLOI_TOKEN).
Code de sortie 0 seulement si tout est vérifié ; sinon le premier problème est nommé.`;

/**
 * `npm run verify-custody`: checks the transparency log without trusting the server. Every leaf is
 * rebuilt from its entry and compared with its record, every checkpoint's signature is checked
 * with the key given here, its root recomputed, and successive checkpoints proved consistent.
 */
async function main(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { url: { type: 'string' }, backup: { type: 'string' }, key: { type: 'string' }, device: { type: 'string' }, token: { type: 'string' } } });
  if (!values.key || (!values.url === !values.backup)) {
    console.error(USAGE);
    return 2;
  }
  const key = parseVerifierKey(values.key.includes('+') ? values.key : readFileSync(values.key, 'utf8'));
  if (values.device) {
    if (!values.url) throw new Error('--device se vérifie sur un serveur (--url)');
    return report(await verifyDevice(values.url, values.device, values.token ?? process.env.REEMPLOI_TOKEN ?? '', key), `appareil ${values.device}`);
  }
  const snapshot = values.url ? await snapshotFromApi(values.url) : await snapshotFromBackup(values.backup!);
  const result = await verifySnapshot(snapshot, key);
  return report(result.problems, `${countOf(result.leaves, 'feuille')}, ${countOf(result.checkpoints, 'point de contrôle', 'points de contrôle')}`);
}

async function verifyDevice(url: string, assetTag: string, token: string, key: NoteVerifier): Promise<Problem[]> {
  const proof = await deviceProofFromApi(url, assetTag, token);
  if (!proof.checkpoint) return [{ order: 0, message: "aucun point de contrôle signé : rien ne prouve encore l'historique" }];
  const body = parseCheckpointText(openNote(proof.checkpoint.note, key));
  const problems: Problem[] = [];
  for (const leaf of proof.leaves) {
    if (leaf.current === null) problems.push({ order: leaf.index, message: `feuille ${leaf.index} : l'enregistrement a disparu de la base (supprimé)` });
    else if (leaf.current !== leaf.entry) problems.push({ order: leaf.index, message: `feuille ${leaf.index} : l'enregistrement a été modifié (${leaf.entry} dans le journal, ${leaf.current} maintenant)` });
  }
  problems.push(...checkInclusions(proof.leaves.map((leaf) => ({ ...leaf, proof: leaf.proof?.map((hash) => Buffer.from(hash, 'base64')) ?? null })), { id: proof.checkpoint.id, size: body.size, root: body.rootHash }));
  for (const record of proof.unlogged) problems.push({ order: Number.MAX_SAFE_INTEGER, message: `${record.kind} ${record.recordId} : absent du journal` });
  return problems.sort((a, b) => a.order - b.order);
}

const SHOWN = 20;

function report(problems: Problem[], what: string): number {
  if (!problems.length) {
    console.log(`Vérifié : ${what}, tout concorde.`);
    return 0;
  }
  console.error(`ÉCHEC (${what}) — premier problème : ${problems[0].message}`);
  for (const problem of problems.slice(1, SHOWN)) console.error(`  ${problem.message}`);
  if (problems.length > SHOWN) console.error(`  … et ${problems.length - SHOWN} autres problèmes`);
  return 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`ÉCHEC : ${error.message}`);
    process.exit(1);
  },
);
