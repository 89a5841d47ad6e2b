/**
 * PNGs in a PDF, written in a fixed order. PDFKit decodes a PNG with transparency (bwip-js
 * barcodes and QR codes have it) on the thread pool and numbers and writes its objects when that
 * ends: without waiting, the order of the objects in the file, hence the SHA-256 by which an issued
 * document is recorded (api/transparency/issued-documents.ts), would follow the thread pool's
 * timing, and the same document would not always give the same bytes.
 */

/**
 * Opens a PNG for `doc.image` (pass `image`, e.g. inside a tagged structure element's drawing) and
 * says when PDFKit has written it: await `written()` before drawing the next image.
 */
export function openPng(doc: PDFKit.PDFDocument, png: Buffer): { image: Buffer; written: () => Promise<void> } {
  // PDFKit's PNG image: `image` holds the decoder until the image is written, then null
  const opened = (doc as unknown as { openImage(src: Buffer): { image?: unknown } }).openImage(png);
  return {
    image: opened as unknown as Buffer,
    written: async () => {
      while (opened.image != null) await new Promise((resolve) => setImmediate(resolve));
    },
  };
}
