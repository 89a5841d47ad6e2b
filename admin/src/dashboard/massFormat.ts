/**
 * Kilograms, or tonnes from one tonne up (French: "1,25 t"). `scale` chooses the unit: pass a
 * column's total so every row of the column has the same unit and rows compare at a glance.
 */
export function massFormats(locale: string) {
  const kg = new Intl.NumberFormat(locale, { style: 'unit', unit: 'kilogram', maximumFractionDigits: 1 });
  const tonne = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const mass = (value: number, scale = value) => (Math.abs(scale) >= 1000 ? `${tonne.format(value / 1000)} t` : kg.format(value));
  return {
    kg: mass,
    co2e: (value: number, scale = value) => `${mass(value, scale)} CO2e`,
  };
}
