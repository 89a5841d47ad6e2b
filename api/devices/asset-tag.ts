/**
 * Asset tags look like `CD59-000123-7`: a prefix, a zero-padded sequence number and a Luhn check
 * digit, so a mistyped or misread digit (and most swapped neighbours) is caught before any lookup.
 */
export interface AssetTagFormat {
  prefix: string;
  digits: number;
}

export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return (10 - (sum % 10)) % 10;
}

export function formatAssetTag(format: AssetTagFormat, sequence: number): string {
  const number = String(sequence).padStart(format.digits, '0');
  if (number.length > format.digits) throw new Error(`Asset tag sequence ${sequence} exceeds ${format.digits} digits`);
  return `${format.prefix}-${number}-${luhnCheckDigit(number)}`;
}

export type AssetTagCheck = { valid: true; tag: string } | { valid: false; reason: 'format' | 'check_digit' };

/** Validates a scanned or typed tag (case and spaces forgiven) against any prefix of the configured shape. */
export function checkAssetTag(code: string): AssetTagCheck {
  const match = /^([A-Z0-9]{1,8})-(\d{4,10})-(\d)$/.exec(code.trim().toUpperCase());
  if (!match) return { valid: false, reason: 'format' };
  const [, prefix, number, check] = match;
  if (luhnCheckDigit(number) !== Number(check)) return { valid: false, reason: 'check_digit' };
  return { valid: true, tag: `${prefix}-${number}-${check}` };
}

export function looksLikeAssetTag(code: string): boolean {
  return /^[A-Z0-9]{1,8}-\d{4,10}-\d$/.test(code.trim().toUpperCase());
}
