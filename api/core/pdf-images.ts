/**
 * Places a PNG in a PDF and waits until PDFKit has written it. PDFKit decodes a PNG with
 * transparency (bwip-js barcodes and QR codes have it) on the thread pool and numbers and writes
 * its objects when that ends: without waiting, the order of the objects in the file, hence the
 * SHA-256 by which an issued document is recorded (api/transparency/issued-documents.ts), would
 * follow the thread pool's timing, and the same document would not always give the same bytes.
 */
export async function placePng(doc: PDFKit.PDFDocument, png: Buffer, x: number, y: number, options: PDFKit.Mixins.ImageOption): Promise<void> {
  // PDFKit's PNG image: `image` holds the decoder until the image is written, then null
  const image = (doc as unknown as { openImage(src: Buffer): { image?: unknown } }).openImage(png);
  doc.image(image as unknown as Buffer, x, y, options);
  while (image.image != null) await new Promise((resolve) => setImmediate(resolve));
}
