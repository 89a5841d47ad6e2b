import { describe, expect, it } from 'vitest';
import { byCount, countOf } from '../../api/core/french.js';

const plain = (text: string) => text.replace(/\s/g, ' ');

describe('counts in French messages', () => {
  it('puts 0 and 1 in the singular, 2 and more in the plural, with French digit grouping', () => {
    expect(countOf(0, 'appareil')).toBe('0 appareil');
    expect(countOf(1, 'appareil attendu', 'appareils attendus')).toBe('1 appareil attendu');
    expect(countOf(2, 'appareil attendu', 'appareils attendus')).toBe('2 appareils attendus');
    expect(plain(countOf(1250, 'ligne refusée', 'lignes refusées'))).toBe('1 250 lignes refusées');
    expect(byCount(1, "n'a pas été scanné", "n'ont pas été scannés")).toBe("n'a pas été scanné");
    expect(byCount(3, "n'a pas été scanné", "n'ont pas été scannés")).toBe("n'ont pas été scannés");
  });
});
