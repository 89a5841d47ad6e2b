import { useLocaleState } from 'react-admin';
import { intlLocale } from './i18nProvider.js';

/** Dates and numbers in the UI language's format (French by default), not the browser's. */
export function useFormat() {
  const [locale] = useLocaleState();
  const tag = intlLocale(locale);
  return {
    locale: tag,
    dateTime: (value: string | null | undefined) =>
      value ? new Date(value).toLocaleString(tag, { dateStyle: 'short', timeStyle: 'short' }) : '',
    date: (value: string | null | undefined) => (value ? new Date(value).toLocaleDateString(tag) : ''),
    number: (value: number | null | undefined) => (value === null || value === undefined ? '' : value.toLocaleString(tag)),
  };
}
