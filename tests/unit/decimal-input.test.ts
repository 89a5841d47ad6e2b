import { describe, expect, it } from 'vitest';
import { decimalValue, formatDecimal, parseDecimal } from '../../admin/src/forms/decimal.js';

describe('decimal fields of the back office', () => {
  it('read a French decimal comma, a point, and spaces between thousands', () => {
    expect(parseDecimal('2,1')).toBe(2.1);
    expect(parseDecimal('2.1')).toBe(2.1);
    expect(parseDecimal(' 1 250,5 ')).toBe(1250.5);
    expect(parseDecimal('170')).toBe(170);
    expect(parseDecimal('')).toBeNull();
  });

  it('refuse what is not a number instead of guessing', () => {
    for (const text of ['2,1 kg', '2,1,3', 'abc', '1e3', ',5', '2,']) expect(parseDecimal(text), text).toBeUndefined();
    expect(decimalValue('2,1 kg')).toBeNull();
  });

  it('show a stored number the way the UI language writes it', () => {
    expect(formatDecimal(2.1, 'fr-FR')).toBe('2,1');
    expect(formatDecimal(1250.5, 'fr-FR')).toBe('1250,5');
    expect(formatDecimal(2.1, 'en')).toBe('2.1');
    expect(formatDecimal(null, 'fr-FR')).toBe('');
    expect(formatDecimal('2,', 'fr-FR')).toBe('2,');
    expect(decimalValue('2,45')).toBe(2.45);
    expect(decimalValue(3)).toBe(3);
  });
});
