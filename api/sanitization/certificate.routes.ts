import { Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import { PostgresRateLimitStore } from '../core/rate-limit-store.js';
import { z } from '../core/zod.js';
import type { AppContext } from '../core/context.js';
import type { AppConfig } from '../config.js';
import { currentUser } from '../core/auth.js';
import { AppError, notFound } from '../core/errors.js';
import { route } from '../core/routes.js';
import { parseId } from '../core/validation.js';
import { Device } from '../devices/device.entity.js';
import { assertVisible } from '../devices/device-scope.js';
import { User } from '../users/user.entity.js';
import { Certificate } from './certificate.entity.js';
import { sendIssuedPdf } from '../transparency/issued-documents.js';
import { certificatePdf, formatDateTime, type CertificateContent } from './certificate-pdf.js';
import { Sanitization } from './sanitization.entity.js';
import { inclusionOf, latestCheckpoint } from '../transparency/transparency-log.js';

const TransparencySchema = z
  .object({
    leafIndex: z.number(),
    checkpoint: z.object({ id: z.number(), treeSize: z.number(), rootHash: z.string(), signedAt: z.string() }),
    proof: z.array(z.string()).describe("Preuve d'inclusion (RFC 9162), empreintes SHA-256 en base64"),
  })
  .nullable()
  .describe("Le certificat dans le journal de transparence : sa feuille et sa preuve d'inclusion dans le dernier point de contrôle signé ; null avant le premier qui le contient");

const VerificationSchema = z
  .object({ valid: z.literal(true), number: z.string(), assetTag: z.string(), issuedAt: z.string(), method: z.string(), transparency: TransparencySchema })
  .openapi('CertificateVerification');

const escapeHtml = (text: string) => text.replace(/[<>&"']/g, (character) => `&#${character.charCodeAt(0)};`);

/** What rendering an issued document needs: a request's context, or the demo seed's (seeds/demo-documents.ts). */
export type DocumentContext = Pick<AppContext, 'em'> & { config: Pick<AppConfig, 'organisationName' | 'publicUrl'> };

export function verificationUrl(ctx: DocumentContext, number: string): string {
  return `${ctx.config.publicUrl}/api/certificates/${encodeURIComponent(number)}`;
}

/**
 * Public check of a certificate, reached from its QR code: says whether it is genuine, for which
 * asset tag, when and by which method — and nothing else (no serial number, no name).
 */
export function publicCertificateRoutes(ctx: AppContext): Router {
  const router = Router();
  const limiter = rateLimit({ windowMs: 60_000, limit: 60, store: new PostgresRateLimitStore(ctx.orm, 'certificate-check'), standardHeaders: 'draft-7', legacyHeaders: false, handler: (_req, _res, next) => next(new AppError(429, 'TOO_MANY_REQUESTS', 'Trop de vérifications : réessayez dans une minute.')) });
  route(
    router,
    {
      method: 'get',
      path: '/certificates/:number', operationId: 'verifyCertificate', access: 'public', errors: [404, 429],
      summary: "Vérifier un certificat d'effacement (public, sans connexion) ; HTML si le navigateur le demande",
      tag: 'Effacement des données',
      response: VerificationSchema,
      middleware: [limiter],
    },
    async (req, res) => {
      const number = String(req.params.number ?? '').trim().toUpperCase().slice(0, 40);
      const certificate = await ctx.em().findOne(Certificate, { number }, { populate: ['device'] });
      const wantsHtml = req.accepts(['json', 'html']) === 'html';
      if (!certificate) {
        if (wantsHtml) {
          res.status(404).type('html').send(page('Certificat introuvable', `<p class="ko">Aucun certificat ne porte le numéro <strong>${escapeHtml(number)}</strong>. Ce document n'est pas authentique ou le numéro est mal recopié.</p>`));
          return;
        }
        throw new AppError(404, 'CERTIFICATE_NOT_FOUND', `Aucun certificat ne porte le numéro ${number}.`);
      }
      const answer = {
        valid: true as const,
        number: certificate.number,
        assetTag: certificate.device.assetTag,
        issuedAt: certificate.issuedAt.toISOString(),
        method: certificate.methodSummary,
        transparency: await inclusionOf(ctx.em(), 'certificate', certificate.id),
      };
      if (wantsHtml) {
        res.type('html').send(
          page(
            'Certificat authentique',
            `<p class="ok">✔ Ce certificat d'effacement a bien été émis par Réemploi.</p>
<dl><dt>Numéro</dt><dd>${escapeHtml(answer.number)}</dd><dt>Appareil</dt><dd>${escapeHtml(answer.assetTag)}</dd>
<dt>Date</dt><dd>${escapeHtml(formatDateTime(certificate.issuedAt))}</dd><dt>Méthode</dt><dd>${escapeHtml(answer.method)}</dd>${transparencyHtml(answer.transparency)}</dl>`,
          ),
        );
        return;
      }
      res.json(answer);
    },
  );
  return router;
}

function transparencyHtml(transparency: z.infer<typeof TransparencySchema>): string {
  if (!transparency) return '<dt>Journal de transparence</dt><dd>Sera inclus au prochain point de contrôle signé.</dd>';
  const { leafIndex, checkpoint } = transparency;
  return `<dt>Journal de transparence</dt><dd>Inclus (feuille n° ${leafIndex}) dans le point de contrôle n° ${checkpoint.id} signé le ${escapeHtml(formatDateTime(new Date(checkpoint.signedAt)))} : ${checkpoint.treeSize} feuilles, racine <code>${escapeHtml(checkpoint.rootHash)}</code>. Preuve : <a href="/api/transparency/proof/inclusion?leaf=${leafIndex}&amp;size=${checkpoint.treeSize}">/api/transparency/proof/inclusion?leaf=${leafIndex}&amp;size=${checkpoint.treeSize}</a></dd>`;
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} — Réemploi</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a;line-height:1.5}h1{font-size:1.5rem}.ok{color:#0b6b2e;font-weight:600}.ko{color:#a10d0d;font-weight:600}dt{font-weight:600;margin-top:.6rem}dd{margin:0}</style>
</head><body><main><h1>${title}</h1>${body}<p><small>Réemploi — Département du Nord</small></p></main></body></html>`;
}

/** Everything a certificate prints, or null when the device has none yet. */
export async function loadCertificateContent(ctx: DocumentContext, device: Device): Promise<CertificateContent | null> {
  const em = ctx.em();
  const certificate = await em.findOne(Certificate, { device }, { orderBy: { issuedAt: 'DESC', id: 'DESC' } });
  if (!certificate) return null;
  const records = await em.find(Sanitization, { id: { $in: certificate.sanitizationIds } }, { populate: ['medium'], orderBy: { id: 'ASC' } });
  const issuer = await em.findOneOrFail(User, { id: certificate.issuedBy.id });
  return {
    certificate,
    device,
    records: records as CertificateContent['records'],
    issuedByName: issuer.name,
    issuedByRole: issuer.role,
    issuedByEmail: issuer.email,
    organisationName: ctx.config.organisationName,
    verificationUrl: verificationUrl(ctx, certificate.number),
    checkpoint: await latestCheckpoint(em),
  };
}

export function certificateRoutes(ctx: AppContext): Router {
  const router = Router();
  route(
    router,
    {
      method: 'get',
      path: '/devices/:id/certificate.pdf', operationId: 'getDeviceCertificatePdf', access: { action: 'show', resource: 'certificates' }, errors: [409],
      summary: "Certificat d'effacement (PDF, champs de NIST SP 800-88 annexe G, QR code de vérification)",
      tag: 'Effacement des données',
      produces: ['application/pdf'],
    },
    async (req, res) => {
      const em = ctx.em();
      const device = await em.findOne(Device, { id: parseId(req) });
      if (!device) throw notFound('Appareil');
      await assertVisible(em, device, currentUser(req));
      const certificate = await deviceCertificatePdf(ctx, device);
      if (!certificate) {
        throw new AppError(404, 'NO_CERTIFICATE', `L'appareil ${device.assetTag} n'a pas encore de certificat : tous ses supports doivent d'abord être effacés.`);
      }
      res.type('application/pdf').set('Content-Disposition', `inline; filename="certificat-${certificate.reference}.pdf"`);
      await sendIssuedPdf(em, res, { kind: 'certificate', reference: certificate.reference }, certificate.pdf);
    },
  );
  return router;
}

/** The device's certificate as a download renders it now (null: none yet), with the reference it is issued under. */
export async function deviceCertificatePdf(ctx: DocumentContext, device: Device): Promise<{ pdf: PDFKit.PDFDocument; reference: string } | null> {
  const content = await loadCertificateContent(ctx, device);
  return content ? { pdf: await certificatePdf(content), reference: content.certificate.number } : null;
}
