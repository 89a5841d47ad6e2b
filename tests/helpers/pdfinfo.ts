import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** poppler's `pdfinfo` on a PDF, as `{ Title: …, Tagged: 'yes', … }` (what an auditor's tool reads). */
export function pdfInfo(pdf: Buffer): Record<string, string> {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'reemploi-pdfinfo-'));
  try {
    const file = path.join(folder, 'document.pdf');
    writeFileSync(file, pdf);
    const output = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    return Object.fromEntries(output.split('\n').filter((line) => line.includes(':')).map((line) => [line.slice(0, line.indexOf(':')).trim(), line.slice(line.indexOf(':') + 1).trim()]));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
