import { createInflateRaw } from 'node:zlib';
import type { IncomingMessage } from 'node:http';
import { AppError, invalid } from './errors.js';

/**
 * Checks on what clients send before a library reads it: JSON bodies must be valid UTF-8, and an
 * XLSX (a ZIP archive) must not inflate beyond what an import can hold — exceljs inflates every
 * file of the archive in memory, so a 200 KB "zip bomb" could otherwise take gigabytes.
 */

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** `express.json({ verify })`: invalid UTF-8 is refused instead of being silently replaced by U+FFFD. */
export function verifyUtf8(req: IncomingMessage, _res: unknown, body: Buffer): void {
  const charset = /charset=["']?([\w-]+)/i.exec(req.headers['content-type'] ?? '')?.[1]?.toLowerCase();
  // another declared charset (UTF-16…) is body-parser's to decode or refuse
  if (charset && charset !== 'utf-8' && charset !== 'utf8') return;
  try {
    strictUtf8.decode(body);
  } catch {
    throw new AppError(400, 'INVALID_ENCODING', "Le corps de la requête n'est pas un texte UTF-8 valide : envoyez-le encodé en UTF-8.");
  }
}

/** How deep a JSON body may nest: Réemploi's own bodies go 3 levels deep, a GLPI inventory about 5. */
export const MAX_JSON_DEPTH = 32;

const hasNul = (text: string) => text.includes('\u0000');

/**
 * One walk of a parsed JSON body, without recursion, before anything else reads it: nested deeper
 * than `MAX_JSON_DEPTH` (a 5,000-level body once overflowed the stack: a 500 on every route), or
 * holding a NUL character, which PostgreSQL text cannot store, it is refused.
 */
export function checkJsonBody(req: { body?: unknown }, _res: unknown, next: (error?: unknown) => void): void {
  const pending: [unknown, number][] = [[req.body, 0]];
  while (pending.length) {
    const [value, depth] = pending.pop()!;
    if (typeof value === 'string' && hasNul(value)) return next(invalid('Les caractères nuls ne sont pas acceptés.'));
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) {
      return next(invalid(`Le corps de la requête est imbriqué sur plus de ${MAX_JSON_DEPTH} niveaux : ce n'est pas une donnée que Réemploi attend.`));
    }
    for (const [key, child] of Object.entries(value)) {
      if (hasNul(key)) return next(invalid('Les caractères nuls ne sont pas acceptés.'));
      pending.push([child, depth + 1]);
    }
  }
  next();
}

export interface ZipLimits {
  /** Files in the archive: a workbook from Excel, LibreOffice or GLPI holds a dozen. */
  maxEntries: number;
  /** Bytes once inflated, all files together (200,000 rows of GLPI export stay below). */
  maxUncompressedBytes: number;
}

export const XLSX_LIMITS: ZipLimits = { maxEntries: 1000, maxUncompressedBytes: 100 * 1024 * 1024 };

interface CentralEntry {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const ZIP64_MARK = 0xffffffff;

const megabytes = (bytes: number) => `${Math.ceil(bytes / (1024 * 1024))} Mo`;
const unreadable = (why: string) => invalid(`Fichier Excel illisible (${why}) : réenregistrez-le depuis Excel ou LibreOffice au format .xlsx.`);
const tooLarge = (what: string, limits: ZipLimits) =>
  new AppError(
    413,
    'ARCHIVE_TOO_LARGE',
    `Ce classeur Excel ${what} (au plus ${limits.maxEntries} fichiers et ${megabytes(limits.maxUncompressedBytes)} une fois décompressé) : découpez-le ou exportez-le en CSV.`,
    { maxEntries: limits.maxEntries, maxUncompressedBytes: limits.maxUncompressedBytes },
  );

/** The archive's table of contents (central directory), read from its end as every unzip tool does. */
function readCentralDirectory(buffer: Buffer, limits: ZipLimits): CentralEntry[] {
  if (buffer.length < 22) throw unreadable('archive tronquée');
  let end = -1;
  for (let position = buffer.length - 22; position >= Math.max(0, buffer.length - 22 - 0xffff); position--) {
    if (buffer.readUInt32LE(position) === EOCD) {
      end = position;
      break;
    }
  }
  if (end < 0) throw unreadable('sommaire de l’archive introuvable');
  const count = buffer.readUInt16LE(end + 10);
  const size = buffer.readUInt32LE(end + 12);
  const offset = buffer.readUInt32LE(end + 16);
  if (count === 0xffff || size === ZIP64_MARK || offset === ZIP64_MARK) throw unreadable('archive ZIP64, inutile pour un classeur de cette taille');
  if (count > limits.maxEntries) throw tooLarge(`contient ${count} fichiers`, limits);
  if (offset + size > end) throw unreadable('sommaire hors de l’archive');
  const entries: CentralEntry[] = [];
  let position = offset;
  for (let index = 0; index < count; index++) {
    if (position + 46 > end || buffer.readUInt32LE(position) !== CENTRAL) throw unreadable('sommaire abîmé');
    const nameLength = buffer.readUInt16LE(position + 28);
    const entry: CentralEntry = {
      flags: buffer.readUInt16LE(position + 8),
      method: buffer.readUInt16LE(position + 10),
      compressedSize: buffer.readUInt32LE(position + 20),
      uncompressedSize: buffer.readUInt32LE(position + 24),
      localHeaderOffset: buffer.readUInt32LE(position + 42),
      name: buffer.toString('utf8', position + 46, position + 46 + nameLength),
    };
    if (entry.compressedSize === ZIP64_MARK || entry.uncompressedSize === ZIP64_MARK || entry.localHeaderOffset === ZIP64_MARK) {
      throw unreadable('archive ZIP64, inutile pour un classeur de cette taille');
    }
    if (entry.flags & 0x1) throw unreadable('classeur chiffré par mot de passe');
    entries.push(entry);
    position += 46 + nameLength + buffer.readUInt16LE(position + 30) + buffer.readUInt16LE(position + 32);
  }
  return entries;
}

/**
 * What the archive's files together declare once inflated, read from its table of contents alone
 * (nothing inflated): what an import weighs. `assertSafeZip` checks that they inflate to no more.
 */
export function declaredUncompressedBytes(buffer: Buffer, limits: ZipLimits = XLSX_LIMITS): number {
  return readCentralDirectory(buffer, limits).reduce((total, entry) => total + entry.uncompressedSize, 0);
}

/** The compressed bytes of one file, found through its local header. */
function compressedData(buffer: Buffer, entry: CentralEntry): Buffer {
  const header = entry.localHeaderOffset;
  if (header + 30 > buffer.length || buffer.readUInt32LE(header) !== LOCAL) throw unreadable(`fichier « ${entry.name} » introuvable`);
  const start = header + 30 + buffer.readUInt16LE(header + 26) + buffer.readUInt16LE(header + 28);
  if (start + entry.compressedSize > buffer.length) throw unreadable(`fichier « ${entry.name} » tronqué`);
  return buffer.subarray(start, start + entry.compressedSize);
}

class InflatedTooFar extends Error {}

/** Inflates in 16 KB pieces that are counted and dropped: at most `cap` bytes are ever produced. */
function inflatedSize(data: Buffer, cap: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const inflater = createInflateRaw();
    let size = 0;
    inflater.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > cap) {
        inflater.destroy();
        reject(new InflatedTooFar());
      }
    });
    inflater.on('end', () => resolve(size));
    inflater.on('error', () => reject(unreadable('données compressées abîmées')));
    inflater.end(data);
  });
}

/**
 * Refuses an archive with too many files, or whose files (declared sizes, then actual inflation,
 * which a forged archive may not match) would exceed the limits. Overlapping entries that share
 * the same compressed data count once per entry, as the library would inflate them.
 * Returns what it measured.
 */
export async function assertSafeZip(buffer: Buffer, limits: ZipLimits = XLSX_LIMITS): Promise<{ entries: number; uncompressedBytes: number }> {
  const entries = readCentralDirectory(buffer, limits);
  const declared = entries.reduce((total, entry) => total + entry.uncompressedSize, 0);
  if (declared > limits.maxUncompressedBytes) throw tooLarge(`se décompresserait en ${megabytes(declared)}`, limits);
  let inflated = 0;
  for (const entry of entries) {
    const data = compressedData(buffer, entry);
    if (entry.method === 0) {
      if (entry.compressedSize !== entry.uncompressedSize) throw unreadable(`taille incohérente pour « ${entry.name} »`);
      inflated += data.length;
    } else if (entry.method === 8) {
      try {
        inflated += await inflatedSize(data, entry.uncompressedSize);
      } catch (error) {
        if (!(error instanceof InflatedTooFar)) throw error;
        throw new AppError(
          422,
          'ARCHIVE_INCONSISTENT',
          `Ce classeur Excel est refusé par précaution : le fichier « ${entry.name.slice(0, 100)} » qu'il contient se décompresse au-delà de la taille annoncée (archive forgée ou abîmée). Réenregistrez-le depuis Excel ou LibreOffice.`,
        );
      }
    } else {
      throw unreadable(`méthode de compression ${entry.method} inconnue`);
    }
  }
  return { entries: entries.length, uncompressedBytes: inflated };
}
