/**
 * What a person types in a decimal field: "2,1" (French), "2.1", "1 250,5" → a number; empty →
 * null; anything else → undefined (not a number: the field's validator says so).
 */
export function parseDecimal(input: string): number | null | undefined {
  const compact = input.replace(/[\s\u00a0\u202f]/g, '');
  if (compact === '') return null;
  if (!/^-?\d+([.,]\d+)?$/.test(compact)) return undefined;
  return Number(compact.replace(',', '.'));
}

/** A form value (the stored number, or the text being typed) as the number to send. */
export function decimalValue(value: unknown): number | null {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return null;
  return parseDecimal(value) ?? null;
}

/** A stored number shown the way the UI language writes it ("2,1" in French), without thousands separators. */
export function formatDecimal(value: unknown, locale: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'number') return String(value);
  return value.toLocaleString(locale, { useGrouping: false, maximumFractionDigits: 10 });
}
