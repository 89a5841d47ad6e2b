/** "89,90", "89.9", "89 €" → 89.9; null when it is not an amount in euros to the cent. */
export function parseEuros(input: string): number | null {
  const compact = input.replace(/[\s\u00a0\u202f€]/g, '');
  if (!/^\d{1,5}([.,]\d{1,2})?$/.test(compact)) return null;
  return Number(compact.replace(',', '.'));
}

/** 150 → "150 €", 89.9 → "89,90 €" (in the UI language's format). */
export function formatEuros(value: number, locale: string): string {
  const whole = Number.isInteger(value);
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR', minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: 2 }).format(value);
}
