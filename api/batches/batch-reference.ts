/** A batch reference as printed on the manifest's barcode: `LOT-2026-0001` (case forgiven). Shared with the back office's scan screens. */
export function normaliseBatchReference(code: string): string | null {
  const reference = code.trim().toUpperCase();
  return /^LOT-\d{4}-\d{4,6}$/.test(reference) ? reference : null;
}
