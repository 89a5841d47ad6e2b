import { describe, expect, it } from 'vitest';
import { massFormats } from '../../admin/src/dashboard/massFormat.js';

const { kg, co2e } = massFormats('fr-FR');
const plain = (text: string) => text.replace(/\s/g, ' ');

describe('masses on the dashboard', () => {
  it('reads in kilograms below a tonne and in tonnes from a tonne up, French style', () => {
    expect(plain(kg(258.94))).toBe('258,9 kg');
    expect(plain(kg(1490))).toBe('1,49 t');
    expect(plain(co2e(575.5))).toBe('575,5 kg CO2e');
    expect(plain(co2e(5030))).toBe('5,03 t CO2e');
  });

  it('gives every row of a column the unit of its total, so rows compare at a glance', () => {
    expect(plain(co2e(258.9, 5030))).toBe('0,26 t CO2e');
    expect(plain(kg(12, 1200))).toBe('0,01 t');
    expect(plain(co2e(800, 900))).toBe('800 kg CO2e');
  });
});
