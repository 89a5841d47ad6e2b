import { randomInt } from 'node:crypto';

/**
 * Voucher codes like `K7QM-2XHF`: 7 random characters and a check character from an alphabet
 * without 0/O, 1/I/L, so a code read aloud on the phone or copied by hand survives.
 */
export const VOUCHER_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

function checkCharacter(body: string): string {
  let sum = 0;
  for (let index = 0; index < body.length; index++) sum += (index + 1) * VOUCHER_ALPHABET.indexOf(body[index]);
  return VOUCHER_ALPHABET[sum % VOUCHER_ALPHABET.length];
}

export function newVoucherCode(): string {
  const body = Array.from({ length: 7 }, () => VOUCHER_ALPHABET[randomInt(VOUCHER_ALPHABET.length)]).join('');
  const code = body + checkCharacter(body);
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** Normalises a typed or scanned code (case, spaces, missing dash); null if it cannot be a voucher. */
export function normaliseVoucherCode(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s-]/g, '');
  if (!/^[A-Z0-9]{8}$/.test(compact)) return null;
  if ([...compact].some((character) => !VOUCHER_ALPHABET.includes(character))) return null;
  if (checkCharacter(compact.slice(0, 7)) !== compact[7]) return null;
  return `${compact.slice(0, 4)}-${compact.slice(4)}`;
}

export const looksLikeVoucherCode = (input: string) => /^[A-Z0-9]{4}-?[A-Z0-9]{4}$/i.test(input.trim());
