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

/** One element of a tagged PDF's structure tree as poppler's `pdfinfo -struct-text` prints it, in reading order. */
export interface StructureNode {
  type: string;
  depth: number;
  /** The text marked directly under it (empty for a figure or a table row). */
  text: string;
}

/** The structure tree of a tagged PDF, flattened in reading order (what a screen reader follows). */
export function pdfStructure(pdf: Buffer): StructureNode[] {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'reemploi-pdfinfo-'));
  try {
    const file = path.join(folder, 'document.pdf');
    writeFileSync(file, pdf);
    const output = execFileSync('pdfinfo', ['-struct-text', file], { encoding: 'utf8' });
    const nodes: StructureNode[] = [];
    for (const line of output.split('\n').filter((row) => row.trim())) {
      const depth = (line.length - line.trimStart().length) / 2;
      const content = line.trim();
      if (content.startsWith('"')) nodes[nodes.length - 1].text += content.slice(1, -1);
      else nodes.push({ type: content.replace(/ \(.*\)$/, ''), depth, text: '' });
    }
    return nodes;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * The alternative texts of a PDF's figures (`/Alt` of each `/S /Figure` structure element).
 * poppler's tools do not print them; PDFKit writes structure elements as plain objects, so they are read from the file.
 */
export function pdfFigureAlternatives(pdf: Buffer): string[] {
  const bytes = pdf.toString('latin1');
  const alternatives: string[] = [];
  for (const match of bytes.matchAll(/\/S \/Figure\s*\/Alt \(/g)) alternatives.push(decodePdfString(bytes, match.index + match[0].length));
  return alternatives;
}

/** A PDF literal string starting at `start` (just after its « ( »): escapes undone, UTF-16 with its byte-order mark decoded. */
function decodePdfString(bytes: string, start: number): string {
  const escapes: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };
  let raw = '';
  let depth = 0;
  for (let index = start; index < bytes.length; index++) {
    const char = bytes[index];
    if (char === '\\') {
      const next = bytes[++index];
      raw += escapes[next] ?? next;
    } else if (char === '(') {
      depth++;
      raw += char;
    } else if (char === ')') {
      if (depth-- === 0) break;
      raw += char;
    } else raw += char;
  }
  if (!raw.startsWith('\xfe\xff')) return raw;
  return Buffer.from(raw.slice(2), 'latin1').swap16().toString('utf16le');
}
