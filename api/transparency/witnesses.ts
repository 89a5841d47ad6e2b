import type { EntityManager } from '@mikro-orm/postgresql';
import { queueMailToAddress } from '../notifications/mailer.js';
import type { CheckpointRow } from './transparency-log.js';

const escapeHtml = (text: string) => text.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Each new signed checkpoint e-mailed to the witnesses (TRANSPARENCY_WITNESSES): a copy of the
 * tree head lives outside the server, so a server that later rewrites its history, or shows
 * different histories to different people, is caught by comparing with what the witnesses kept.
 */
export async function mailCheckpointToWitnesses(em: EntityManager, witnesses: string[], checkpoint: CheckpointRow, publicUrl: string): Promise<number> {
  const subject = `Réemploi — point de contrôle n° ${checkpoint.id} du journal de transparence (${checkpoint.size} feuilles)`;
  const text = [
    `Point de contrôle n° ${checkpoint.id}, signé le ${checkpoint.signedAt.toISOString()} :`,
    `taille ${checkpoint.size}, racine ${checkpoint.rootHash.toString('base64')}.`,
    '',
    'Conservez ce message : il permet de vérifier plus tard que l’historique n’a pas été réécrit',
    `(npm run verify-custody, ou ${publicUrl}/api/transparency/proof/consistency).`,
    '',
    'Point de contrôle signé (format C2SP signed-note) :',
    '',
    checkpoint.note,
  ].join('\n');
  const html = `<p>Point de contrôle n° ${checkpoint.id}, signé le ${checkpoint.signedAt.toISOString()} : taille ${checkpoint.size}, racine <code>${checkpoint.rootHash.toString('base64')}</code>.</p>
<p>Conservez ce message : il permet de vérifier plus tard que l’historique n’a pas été réécrit.</p>
<pre>${escapeHtml(checkpoint.note)}</pre>`;
  for (const to of witnesses) await queueMailToAddress(em, { to, subject, text, html });
  return witnesses.length;
}
