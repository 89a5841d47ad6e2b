import { useLocaleState, useTranslate } from 'react-admin';
import { intlLocale } from '../i18n/i18nProvider.js';
import { useFormat } from '../i18n/useFormat.js';

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['minute', 60],
  ['hour', 3600],
  ['day', 86_400],
];
const A_WEEK_S = 7 * 86_400;

/** "il y a 5 min", "hier", then the date itself after a week; the exact time in a tooltip and `<time datetime>`. */
export const RelativeTime = ({ value }: { value: string }) => {
  const [locale] = useLocaleState();
  const translate = useTranslate();
  const format = useFormat();
  const seconds = Math.max(0, (Date.now() - new Date(value).getTime()) / 1000);
  let text: string;
  if (seconds < 60) text = translate('reemploi.notifications.just_now');
  else if (seconds >= A_WEEK_S) text = format.date(value);
  else {
    const [unit, size] = [...UNITS].reverse().find(([, unitSeconds]) => seconds >= unitSeconds)!;
    text = new Intl.RelativeTimeFormat(intlLocale(locale), { style: 'short', numeric: 'auto' }).format(-Math.floor(seconds / size), unit);
  }
  return (
    <time dateTime={value} title={format.dateTime(value)}>
      {text}
    </time>
  );
};
