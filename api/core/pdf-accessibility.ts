/**
 * The PDFs given to people are tagged (PDF/UA's structure tree: what screen readers and « reflow »
 * readers follow), in French, and show their title rather than their file name (RGAA, issue #21).
 * Spread into every `new PDFDocument({...})` given out.
 */
export const ACCESSIBLE_PDF = { tagged: true, lang: 'fr-FR', displayTitle: true } as const;
