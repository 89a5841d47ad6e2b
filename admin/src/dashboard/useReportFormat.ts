import { useMemo } from 'react';
import { useFormat } from '../i18n/useFormat.js';
import { massFormats } from './massFormat.js';

/** Euros, percentages, kilograms and calendar days in the UI language's format (French by default). */
export function useReportFormat() {
  const base = useFormat();
  const { locale } = base;
  return useMemo(() => {
    const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
    const euro = new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
    const euroCents = new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' });
    const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
    const day = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    const month = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' });
    return {
      ...base,
      integer: (value: number) => integer.format(value),
      decimal: (value: number) => decimal.format(value),
      euro: (value: number) => (Number.isInteger(value) || Math.abs(value) >= 1000 ? euro : euroCents).format(value),
      percent: (value: number) => percent.format(value),
      ...massFormats(locale),
      /** A calendar day `YYYY-MM-DD` (read as UTC so no time zone shifts it); French writes the first of the month "1er". */
      day: (value: string) => {
        const text = day.format(new Date(`${value}T00:00:00Z`));
        return locale.startsWith('fr') ? text.replace(/^1 /, '1er ') : text;
      },
      /** A month `YYYY-MM`, e.g. "janv. 2026". */
      month: (value: string) => month.format(new Date(`${value}-01T00:00:00Z`)),
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `base` only depends on the locale
  }, [locale]);
}
