import { Router } from 'express';
import type { AppContext } from '../core/context.js';
import { currentUser } from '../core/auth.js';
import { conflict } from '../core/errors.js';
import { route } from '../core/routes.js';
import { parseId } from '../core/validation.js';
import { Device } from '../devices/device.entity.js';
import { loadDeviceSpecs } from '../devices/device-specs.js';
import type { Batch } from './batch.entity.js';
import { manifestPdf, writeManifestXlsx } from './manifest.js';
import { loadCertificateContent, type DocumentContext } from '../sanitization/certificate.routes.js';
import { certificatesPdf, formatDateTime } from '../sanitization/certificate-pdf.js';
import { checkpointStamp, latestCheckpoint } from '../transparency/transparency-log.js';
import { loadVisibleBatch } from './batch.routes.js';
import { sendIssuedPdf } from '../transparency/issued-documents.js';

/** A batch's printed documents: its manifest (PDF, Excel) and its devices' certificates. */
export function batchDocumentRoutes(ctx: AppContext): Router {
  const router = Router();
  const tag = "Lots d'enlèvement";

  route(
    router,
    {
      method: 'get',
      path: '/batches/:id/certificates.pdf', operationId: 'getBatchCertificatesPdf', access: { action: 'show', resource: 'batches' },
      summary: "Certificats d'effacement de tous les appareils du lot, en un seul PDF",
      tag,
      produces: ['application/pdf'],
    },
    async (req, res) => {
      const batch = await loadVisibleBatch(ctx, parseId(req), currentUser(req));
      const devices = await ctx.em().find(Device, { batch }, { orderBy: { assetTag: 'ASC' } });
      const contents = [];
      for (const device of devices) {
        const content = await loadCertificateContent(ctx, device);
        if (content) contents.push(content);
      }
      res.type('application/pdf').set('Content-Disposition', `inline; filename="certificats-${batch.reference}.pdf"`);
      const createdAt = new Date(Math.max(new Date(batch.createdAt).getTime(), ...contents.map((content) => new Date(content.certificate.issuedAt).getTime())));
      const pdf = await certificatesPdf(`Certificats d'effacement — ${batch.reference}`, contents, ctx.config.organisationName, createdAt);
      await sendIssuedPdf(ctx.em(), res, { kind: 'batch-certificates', reference: batch.reference }, pdf);
    },
  );

  for (const format of ['pdf', 'xlsx'] as const) {
    route(
      router,
      {
        method: 'get',
        path: `/batches/:id/manifest.${format}`,
        operationId: format === 'pdf' ? 'getBatchManifestPdf' : 'getBatchManifestXlsx',
        access: { action: 'show', resource: 'batches' },
        errors: [409],
        summary: format === 'pdf' ? 'Manifeste imprimable du lot (code-barres du lot et de chaque appareil, totaux, signatures)' : 'Manifeste du lot au format Excel (filtrable)',
        tag,
        produces: [format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      },
      async (req, res) => {
        const batch = await loadVisibleBatch(ctx, parseId(req), currentUser(req));
        if (batch.status === 'draft') throw conflict('BATCH_STATUS', `Le lot ${batch.reference} est en préparation : son manifeste existe quand il est prêt.`);
        const filename = `manifeste-${batch.reference}.${format}`;
        res.set('Content-Disposition', `attachment; filename="${filename}"`);
        if (format === 'pdf') {
          res.type('application/pdf');
          await sendIssuedPdf(ctx.em(), res, { kind: 'manifest', reference: batch.reference }, await batchManifestPdf(ctx, batch));
        } else {
          res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
          await writeManifestXlsx(batch, await batchDevices(ctx, batch), res, await deviceMasses(ctx));
        }
      },
    );
  }
  return router;
}

/** The batch's devices in tag order, each with its specs as the manifest prints them. */
async function batchDevices(ctx: DocumentContext, batch: Batch) {
  const found = await ctx.em().find(Device, { batch }, { orderBy: { assetTag: 'ASC' } });
  const specs = await loadDeviceSpecs(ctx.em(), found);
  return found.map((device) => ({ ...device, specs: specs.get(device.id)! }));
}

async function deviceMasses(ctx: DocumentContext) {
  return Object.fromEntries(
    (await ctx.em().execute<{ device_type: string; mass_kg: number | null; mass_source: string }[]>(`select device_type, mass_kg, mass_source from factors`)).map((row) => [
      row.device_type,
      { kg: row.mass_kg === null ? null : Number(row.mass_kg), source: row.mass_source },
    ]),
  );
}

/** The batch's manifest as a download renders it now, stamped with the latest checkpoint (the batch is ready or picked up). */
export async function batchManifestPdf(ctx: DocumentContext, batch: Batch): Promise<PDFKit.PDFDocument> {
  const checkpoint = await latestCheckpoint(ctx.em());
  return manifestPdf(batch, await batchDevices(ctx, batch), await deviceMasses(ctx), checkpoint ? checkpointStamp(checkpoint, formatDateTime(checkpoint.signedAt)) : undefined);
}
