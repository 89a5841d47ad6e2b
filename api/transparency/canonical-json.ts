/**
 * RFC 8785 (JSON Canonicalization Scheme) for the values a log entry holds: strings, safe
 * integers, booleans, null, arrays and plain objects. Keys are sorted by their UTF-16 code units
 * (JavaScript's default string order), strings are written as ECMAScript's JSON.stringify writes
 * them (RFC 8785 §3.2.2.2), no whitespace. Floating-point numbers are refused rather than
 * half-supported: no entry needs them.
 */
export type CanonicalValue = string | number | boolean | null | CanonicalValue[] | { [key: string]: CanonicalValue };

export function canonicalJson(value: CanonicalValue): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new TypeError(`not a safe integer: ${value}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const keys = Object.keys(value).sort(compareUtf16);
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(',')}}`;
  }
  throw new TypeError(`not a JSON value: ${typeof value}`);
}

/** Sort by UTF-16 code units (RFC 8785 §3.2.3), spelled out rather than left to `sort()`'s default. */
function compareUtf16(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
