import polyglotI18nProvider from 'ra-i18n-polyglot';
import fr from './fr.js';

/** French is bundled (the default); English is fetched only when someone switches to it. */
export const i18nProvider = polyglotI18nProvider(
  (locale) => (locale === 'en' ? import('./en.js').then((module) => module.default) : fr),
  'fr',
  [
    { locale: 'fr', name: 'Français' },
    { locale: 'en', name: 'English' },
  ],
  { allowMissing: false },
);

/** The BCP 47 tag for dates and numbers in the current UI language. */
export const intlLocale = (locale: string) => (locale === 'en' ? 'en-GB' : 'fr-FR');
