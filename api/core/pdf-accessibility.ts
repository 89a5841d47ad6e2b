/**
 * The PDFs given to people are tagged (PDF/UA's structure tree: what screen readers and « reflow »
 * readers follow), in French, and show their title rather than their file name (RGAA, issue #21).
 * Spread into every `new PDFDocument({...})` given out.
 */
export const ACCESSIBLE_PDF = { tagged: true, lang: 'fr-FR', displayTitle: true } as const;

/** Structure types used by the PDFs given out (PDF 1.7, 14.8.4): headings, paragraphs, lists, tables, figures. */
type StructureType = 'Sect' | 'H1' | 'H2' | 'H3' | 'P' | 'L' | 'LI' | 'Lbl' | 'LBody' | 'Table' | 'TR' | 'TH' | 'TD' | 'Figure';

/**
 * The root of a PDF's structure tree (« Document »), attached to the file. Everything drawn after
 * it goes under it, in reading order: the order of the `tag` calls is the order a reader hears.
 */
export function documentStructure(doc: PDFKit.PDFDocument): PDFKit.PDFStructureElement {
  const root = doc.struct('Document');
  doc.addStructure(root);
  return root;
}

/** What `draw` puts on the page, as one structure element of `type` under `parent` (an H1, a P…). */
export function tag(doc: PDFKit.PDFDocument, parent: PDFKit.PDFStructureElement, type: StructureType, draw: () => void, options: PDFKit.Mixins.StructureElementOptions = {}): void {
  parent.add(doc.struct(type, options, draw));
}

/** An element that holds others (a section, a list, a table row): add children with `tag`, then it is ended. */
export function group(doc: PDFKit.PDFDocument, parent: PDFKit.PDFStructureElement, type: StructureType, fill: (element: PDFKit.PDFStructureElement) => void): void {
  const element = doc.struct(type);
  parent.add(element);
  fill(element);
  element.end();
}

/** An image (QR code, barcode) with the text a screen reader says in its place. */
export function figure(doc: PDFKit.PDFDocument, parent: PDFKit.PDFStructureElement, alt: string, draw: () => void): void {
  tag(doc, parent, 'Figure', draw, { alt });
}

/** Rules, frames, page numbers: drawn as artifacts, outside the reading order (PDF/UA 7.1). */
export function artifact(doc: PDFKit.PDFDocument, draw: () => void, type: 'Layout' | 'Pagination' = 'Layout'): void {
  doc.markContent('Artifact', { type });
  draw();
  doc.endMarkedContent();
}
