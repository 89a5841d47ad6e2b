import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, statSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';

/**
 * The backup file is a plain tar archive compressed with gzip (`tar tzf` lists it, `tar xzf` opens
 * it): `manifest.json` first, then one `data/<table>.copy` per table in PostgreSQL's COPY text
 * format. Written and read here in a few lines (ustar, regular files only) rather than with a
 * dependency; every header is checked when reading.
 */

/** A backup file that cannot be trusted: damaged, truncated, tampered with, or not a backup. */
export class BackupFileError extends Error {}

const BLOCK = 512;
/** ustar's size field holds 11 octal digits. */
const MAX_ENTRY_SIZE = 8 ** 11 - 1;
/** The only names a backup holds: nothing can be written outside the extraction folder. */
export const ENTRY_NAME = /^(manifest\.json|data\/[a-z0-9_]{1,63}\.copy)$/;

function octal(value: number, length: number): string {
  return value.toString(8).padStart(length - 1, '0') + '\0';
}

function header(name: string, size: number, mtime: Date): Buffer {
  if (!ENTRY_NAME.test(name)) throw new Error(`invalid entry name ${name}`);
  if (size > MAX_ENTRY_SIZE) throw new Error(`${name} is larger than 8 GiB: too large for one backup entry`);
  const block = Buffer.alloc(BLOCK);
  block.write(name, 0, 100, 'utf8');
  block.write(octal(0o600, 8), 100, 8, 'ascii');
  block.write(octal(0, 8), 108, 8, 'ascii');
  block.write(octal(0, 8), 116, 8, 'ascii');
  block.write(octal(size, 12), 124, 12, 'ascii');
  block.write(octal(Math.floor(mtime.getTime() / 1000), 12), 136, 12, 'ascii');
  block.write('        ', 148, 8, 'ascii');
  block.write('0', 156, 1, 'ascii');
  block.write('ustar\0', 257, 6, 'ascii');
  block.write('00', 263, 2, 'ascii');
  block.write(octal(tarHeaderChecksum(block), 7) + ' ', 148, 8, 'ascii');
  return block;
}

function tarHeaderChecksum(block: Buffer): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : block[i];
  return sum;
}

const padding = (size: number) => Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);

export interface ArchiveEntry {
  name: string;
  /** A file on disk, or the bytes themselves. */
  source: string | Buffer;
}

/** Writes `entries` as a .tar.gz to `file` (mode 600: a backup holds personal data). */
export async function writeArchive(file: string, entries: ArchiveEntry[]): Promise<void> {
  const mtime = new Date();
  async function* tar() {
    for (const entry of entries) {
      const size = Buffer.isBuffer(entry.source) ? entry.source.length : statSync(entry.source).size;
      yield header(entry.name, size, mtime);
      if (Buffer.isBuffer(entry.source)) yield entry.source;
      else yield* createReadStream(entry.source);
      yield padding(size);
    }
    yield Buffer.alloc(BLOCK * 2);
  }
  await pipeline(Readable.from(tar()), createGzip({ level: 6 }), createWriteStream(file, { mode: 0o600, flags: 'wx' }));
}

export interface ExtractedEntry {
  name: string;
  path: string;
  bytes: number;
  sha256: string;
  /** Newline characters: in COPY text format, one per row. */
  lines: number;
}

function parseHeader(block: Buffer): { name: string; size: number } | null {
  if (block.every((byte) => byte === 0)) return null;
  if (block.toString('ascii', 257, 262) !== 'ustar') throw new BackupFileError('the file is damaged or is not a Réemploi backup (no archive header where one is expected)');
  const stored = parseInt(block.toString('ascii', 148, 156).replace(/\0.*$/, '').trim(), 8);
  if (stored !== tarHeaderChecksum(block)) throw new BackupFileError('the file is damaged (an archive header fails its checksum)');
  const name = block.toString('utf8', 0, 100).replace(/\0.*$/s, '');
  const type = block.toString('ascii', 156, 157);
  if ((type !== '0' && type !== '\0') || !ENTRY_NAME.test(name)) throw new BackupFileError(`the file is damaged or is not a Réemploi backup (unexpected entry ${JSON.stringify(name)})`);
  const size = parseInt(block.toString('ascii', 124, 136).replace(/\0.*$/, '').trim(), 8);
  if (!Number.isSafeInteger(size) || size < 0) throw new BackupFileError(`the file is damaged (bad size in the header of ${name})`);
  return { name, size };
}

/**
 * Unpacks a backup into `dir`, hashing every entry as it goes. Throws BackupFileError on any
 * damage: gzip's CRC catches a changed byte, a missing end a truncated file.
 */
export async function extractArchive(file: string, dir: string): Promise<Map<string, ExtractedEntry>> {
  const entries = new Map<string, ExtractedEntry>();
  let buffer: Buffer = Buffer.alloc(0);
  let current: { entry: ExtractedEntry; remaining: number; pad: number; out: WriteStream; hash: ReturnType<typeof createHash> } | null = null;
  let ended = false;

  let writeError: Error | undefined;
  const finish = async () => {
    const { entry, out, hash } = current!;
    out.end();
    await once(out, 'close');
    if (writeError) throw writeError;
    entry.sha256 = hash.digest('hex');
    current = null;
  };

  try {
    for await (const chunk of createReadStream(file).pipe(createGunzip()) as AsyncIterable<Buffer>) {
      buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
      for (;;) {
        if (ended) {
          buffer = Buffer.alloc(0);
          break;
        }
        if (current) {
          if (current.remaining > 0) {
            if (!buffer.length) break;
            const part = buffer.subarray(0, Math.min(current.remaining, buffer.length));
            buffer = buffer.subarray(part.length);
            current.remaining -= part.length;
            current.hash.update(part);
            for (let at = part.indexOf(0x0a); at !== -1; at = part.indexOf(0x0a, at + 1)) current.entry.lines++;
            if (!current.out.write(part)) await once(current.out, 'drain');
            continue;
          }
          if (buffer.length < current.pad) break;
          buffer = buffer.subarray(current.pad);
          await finish();
          continue;
        }
        if (buffer.length < BLOCK) break;
        const parsed = parseHeader(buffer.subarray(0, BLOCK));
        buffer = buffer.subarray(BLOCK);
        if (!parsed) {
          ended = true;
          continue;
        }
        if (entries.has(parsed.name)) throw new BackupFileError(`the file is damaged or altered (${parsed.name} appears twice)`);
        const target = path.join(dir, parsed.name);
        mkdirSync(path.dirname(target), { recursive: true });
        const entry: ExtractedEntry = { name: parsed.name, path: target, bytes: parsed.size, sha256: '', lines: 0 };
        entries.set(parsed.name, entry);
        const out = createWriteStream(target, { mode: 0o600 });
        out.on('error', (error) => (writeError ??= error));
        current = { entry, remaining: parsed.size, pad: padding(parsed.size).length, out, hash: createHash('sha256') };
      }
    }
  } catch (error) {
    if (error instanceof BackupFileError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code?.startsWith('Z_') || /unexpected end|incorrect|invalid/i.test(String((error as Error).message))) {
      throw new BackupFileError(`the file is damaged or incomplete (compression check failed: ${(error as Error).message})`);
    }
    throw error;
  } finally {
    if (current) (current as { out: WriteStream }).out.destroy();
  }
  if (current || !ended) throw new BackupFileError('the file is incomplete (it ends before the end of the archive)');
  return entries;
}
