import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** poppler's `pdftotext` on a PDF (reading order, UTF-8): the text a person copying from the PDF gets. */
export function pdfToText(pdf: Buffer): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'reemploi-pdftotext-'));
  try {
    const file = path.join(folder, 'document.pdf');
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
