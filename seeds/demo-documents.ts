import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { AppConfig } from '../api/config.js';
import { Batch } from '../api/batches/batch.entity.js';
import { batchManifestPdf } from '../api/batches/batch-document.routes.js';
import { Device } from '../api/devices/device.entity.js';
import { deviceCertificatePdf, type DocumentContext } from '../api/sanitization/certificate.routes.js';
import { recordIssuedPdf } from '../api/transparency/issued-documents.js';
import { signCheckpointNow } from '../api/transparency/transparency-log.js';

/**
 * The demo issues its documents as the depot would have: every certificate and every manifest of a
 * batch that is ready or picked up, rendered and recorded by the code a download runs (so each
 * file's SHA-256 is the one a download gives while no newer checkpoint is stamped on it), and so
 * each is a leaf of the transparency log, proved in the first checkpoint the server signs.
 */
export async function issueDemoDocuments(em: EntityManager, config: DocumentContext['config']): Promise<{ certificates: number; manifests: number }> {
  const ctx: DocumentContext = { em: () => em, config };
  const certified = await em.find(Device, { id: { $in: await certifiedDeviceIds(em) } }, { orderBy: { id: 'ASC' } });
  let certificates = 0;
  for (const device of certified) {
    const certificate = await deviceCertificatePdf(ctx, device);
    if (!certificate) continue;
    await recordIssuedPdf(em, 'certificate', certificate.reference, certificate.pdf);
    certificates++;
  }
  const batches = await em.find(Batch, { status: { $ne: 'draft' } }, { orderBy: { id: 'ASC' } });
  for (const batch of batches) await recordIssuedPdf(em, 'manifest', batch.reference, await batchManifestPdf(ctx, batch));
  return { certificates, manifests: batches.length };
}

async function certifiedDeviceIds(em: EntityManager): Promise<number[]> {
  return (await em.getConnection().execute<{ device_id: number }[]>(`select distinct device_id from certificates`)).map((row) => row.device_id);
}

/**
 * `npm start` on an empty database: the documents are issued once the server answers (rendering a
 * few hundred PDFs would hold its first start), then a checkpoint is signed so that their proofs
 * exist at once. A failure is logged: a download records its document anyway.
 */
export async function issueDemoDocumentsInBackground(ctx: { orm: MikroORM; config: AppConfig; logger: Logger }): Promise<void> {
  const began = performance.now();
  try {
    const issued = await issueDemoDocuments(ctx.orm.em.fork(), ctx.config);
    ctx.logger.info({ ...issued, seconds: Math.round((performance.now() - began) / 100) / 10 }, 'demo documents issued (certificates and manifests)');
    await signCheckpointNow(ctx);
  } catch (error) {
    ctx.logger.error({ err: error }, 'issuing the demo documents failed');
  }
}
