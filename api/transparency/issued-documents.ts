import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Response } from 'express';

/**
 * The PDFs the server issues (certificates, a batch's certificates, manifests), each recorded by
 * the SHA-256 of its bytes and so a leaf of the transparency log (the database appends it: see the
 * migration `issued_documents`). They are rendered deterministically (CreationDate and file ID
 * from the record), so the same document downloaded twice is one file, recorded once.
 */
export const ISSUED_DOCUMENT_KINDS = ['certificate', 'batch-certificates', 'manifest'] as const;
export type IssuedDocumentKind = (typeof ISSUED_DOCUMENT_KINDS)[number];

export interface IssuedDocument {
  id: number;
  kind: IssuedDocumentKind;
  reference: string;
  sha256: Buffer;
  issuedAt: Date;
}

function pdfBytes(pdf: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
}

/** Records the file (once per distinct bytes) and returns them; committed before anything is sent. */
export async function recordIssuedPdf(em: EntityManager, kind: IssuedDocumentKind, reference: string, pdf: PDFKit.PDFDocument): Promise<Buffer> {
  const bytes = await pdfBytes(pdf);
  const sha256 = createHash('sha256').update(bytes).digest();
  await em.getConnection().execute(`insert into issued_documents (kind, reference, sha256) values (?, ?, ?) on conflict (sha256) do nothing`, [kind, reference, sha256]);
  return bytes;
}

/** Sends a PDF once it is recorded as issued. */
export async function sendIssuedPdf(em: EntityManager, res: Response, document: { kind: IssuedDocumentKind; reference: string }, pdf: PDFKit.PDFDocument): Promise<void> {
  res.send(await recordIssuedPdf(em, document.kind, document.reference, pdf));
}

export async function findIssuedDocument(em: EntityManager, sha256: Buffer): Promise<IssuedDocument | undefined> {
  const [row] = await em.getConnection().execute<{ id: string; kind: IssuedDocumentKind; reference: string; sha256: Buffer; issued_at: Date }[]>(
    `select id, kind, reference, sha256, issued_at from issued_documents where sha256 = ?`,
    [sha256],
  );
  return row ? { id: Number(row.id), kind: row.kind, reference: row.reference, sha256: row.sha256, issuedAt: new Date(row.issued_at) } : undefined;
}
