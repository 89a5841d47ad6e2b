import { describe, expect, it } from 'vitest';
import { formatFrenchPhone } from '../../admin/src/referrals/phone.js';

describe('phone numbers on a person’s page', () => {
  it('are shown in pairs of digits, the way they are written in France', () => {
    expect(formatFrenchPhone('0612345678')).toBe('06 12 34 56 78');
    expect(formatFrenchPhone('06 12 34 56 78')).toBe('06 12 34 56 78');
    expect(formatFrenchPhone('+33612345678')).toBe('+33 6 12 34 56 78');
    expect(formatFrenchPhone('03.20.00.00.00')).toBe('03 20 00 00 00');
  });

  it('leave anything else as it was stored', () => {
    expect(formatFrenchPhone('+44 20 7946 0958')).toBe('+44 20 7946 0958');
    expect(formatFrenchPhone(null)).toBeNull();
    expect(formatFrenchPhone('')).toBeNull();
  });
});
