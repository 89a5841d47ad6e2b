import { once } from 'node:events';
import { createDeflateRaw, crc32, deflateRawSync } from 'node:zlib';

/** One file of a ZIP archive as the tests write it: its compressed bytes and what the archive claims about them. */
export interface ZipFile {
  name: string;
  method: 0 | 8;
  compressed: Buffer;
  crc: number;
  /** What the archive declares; a forged archive declares less than the data inflates to. */
  uncompressedSize: number;
}

export const deflatedFile = (name: string, content: Buffer | string): ZipFile => {
  const data = Buffer.from(content);
  return { name, method: 8, compressed: deflateRawSync(data), crc: crc32(data), uncompressedSize: data.length };
};

/** `bytes` zero bytes deflated as a stream (never all in memory): ~1,000:1, the classic zip bomb payload. */
export async function deflatedZeros(bytes: number): Promise<{ compressed: Buffer; crc: number }> {
  const deflater = createDeflateRaw({ level: 9 });
  const chunks: Buffer[] = [];
  deflater.on('data', (chunk: Buffer) => chunks.push(chunk));
  const block = Buffer.alloc(1024 * 1024);
  let crc = 0;
  for (let written = 0; written < bytes; written += block.length) {
    crc = crc32(block, crc);
    if (!deflater.write(block)) await once(deflater, 'drain');
  }
  deflater.end();
  await once(deflater, 'end');
  return { compressed: Buffer.concat(chunks), crc };
}

/** The files of an archive (central directory order), with their compressed bytes: enough to re-pack a workbook. */
export function readZip(buffer: Buffer): ZipFile[] {
  let end = buffer.length - 22;
  while (end >= 0 && buffer.readUInt32LE(end) !== 0x06054b50) end--;
  const count = buffer.readUInt16LE(end + 10);
  let position = buffer.readUInt32LE(end + 16);
  const files: ZipFile[] = [];
  for (let index = 0; index < count; index++) {
    const nameLength = buffer.readUInt16LE(position + 28);
    const local = buffer.readUInt32LE(position + 42);
    const compressedSize = buffer.readUInt32LE(position + 20);
    const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    files.push({
      name: buffer.toString('utf8', position + 46, position + 46 + nameLength),
      method: buffer.readUInt16LE(position + 10) as 0 | 8,
      crc: buffer.readUInt32LE(position + 16),
      uncompressedSize: buffer.readUInt32LE(position + 24),
      compressed: buffer.subarray(start, start + compressedSize),
    });
    position += 46 + nameLength + buffer.readUInt16LE(position + 30) + buffer.readUInt16LE(position + 32);
  }
  return files;
}

/**
 * Writes a ZIP archive. `aliases` adds central-directory entries that point at the local header
 * of an existing file (David Fifield's overlapping "better zip bomb"): each alias inflates the
 * same data again.
 */
export function writeZip(files: ZipFile[], aliases: { name: string; of: string }[] = []): Buffer {
  const locals: Buffer[] = [];
  const offsets = new Map<string, number>();
  let offset = 0;
  const central: Buffer[] = [];
  const centralEntry = (file: ZipFile, name: string, localOffset: number) => {
    const nameBytes = Buffer.from(name);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(0x0800, 8);
    header.writeUInt16LE(file.method, 10);
    header.writeUInt32LE(file.crc >>> 0, 16);
    header.writeUInt32LE(file.compressed.length, 20);
    header.writeUInt32LE(file.uncompressedSize, 24);
    header.writeUInt16LE(nameBytes.length, 28);
    header.writeUInt32LE(localOffset, 42);
    central.push(header, nameBytes);
  };
  for (const file of files) {
    const nameBytes = Buffer.from(file.name);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0x0800, 6);
    header.writeUInt16LE(file.method, 8);
    header.writeUInt32LE(file.crc >>> 0, 14);
    header.writeUInt32LE(file.compressed.length, 18);
    header.writeUInt32LE(file.uncompressedSize, 22);
    header.writeUInt16LE(nameBytes.length, 26);
    offsets.set(file.name, offset);
    locals.push(header, nameBytes, file.compressed);
    centralEntry(file, file.name, offset);
    offset += header.length + nameBytes.length + file.compressed.length;
  }
  for (const alias of aliases) centralEntry(files.find((file) => file.name === alias.of)!, alias.name, offsets.get(alias.of)!);
  const centralBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length + aliases.length, 8);
  end.writeUInt16LE(files.length + aliases.length, 10);
  end.writeUInt32LE(centralBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralBytes, end]);
}

const MB = 1024 * 1024;

/** A zip bomb hidden in an XLSX import, and how the API refuses it (tests/api/hostile-input.test.ts; measured in bench/). */
export interface XlsxZipBomb {
  what: string;
  file: Buffer;
  status: number;
  code: string;
}

/**
 * Four ways to make a workbook inflate to hundreds of megabytes, each built from a genuine
 * workbook: declared as such, declared small but inflating to 300 MB, 200 overlapping entries
 * sharing one payload, 5,000 tiny files.
 */
export async function xlsxZipBombs(workbook: Buffer): Promise<XlsxZipBomb[]> {
  const legit = readZip(workbook);
  const sheetName = legit.find((file) => /^xl\/worksheets\/[^/]+\.xml$/.test(file.name))!.name;
  const zeros = await deflatedZeros(300 * MB);
  const smallZeros = await deflatedZeros(2 * MB);
  return [
    { what: 'a 300 MB file declared as such', file: writeZip([...legit, { name: 'xl/media/image1.bin', method: 8, ...zeros, uncompressedSize: 300 * MB }]), status: 413, code: 'ARCHIVE_TOO_LARGE' },
    { what: 'a sheet declared at 1 KB that inflates to 300 MB', file: writeZip(legit.map((file) => (file.name === sheetName ? { ...file, method: 8 as const, ...zeros, uncompressedSize: 1024 } : file))), status: 422, code: 'ARCHIVE_INCONSISTENT' },
    { what: '200 overlapping entries sharing one 2 MB payload', file: writeZip([...legit, { name: 'xl/media/a.bin', method: 8, ...smallZeros, uncompressedSize: 2 * MB }], Array.from({ length: 200 }, (_, index) => ({ name: `xl/media/copy${index}.bin`, of: 'xl/media/a.bin' }))), status: 413, code: 'ARCHIVE_TOO_LARGE' },
    { what: '5,000 tiny files', file: writeZip([...legit, ...Array.from({ length: 5000 }, (_, index) => deflatedFile(`xl/x/${index}.xml`, '<a/>'))]), status: 413, code: 'ARCHIVE_TOO_LARGE' },
  ];
}
