import { useTranslate } from 'react-admin';
import { useReportFormat } from '../dashboard/useReportFormat.js';
import { formatEuros } from '../referrals/money.js';
import type { Agreement } from './types.js';

/** Periods « du 1er janvier 2026 au 31 décembre 2026 », euros « 89,90 € », counts « 1 000 ». */
export function useAgreementFormat() {
  const translate = useTranslate();
  const format = useReportFormat();
  return {
    ...format,
    period: (agreement: Pick<Agreement, 'startsOn' | 'endsOn'>) =>
      translate('resources.agreements.period', { from: format.day(agreement.startsOn), to: format.day(agreement.endsOn) }),
    /** Always to the cent when there are cents (89,90 €, never 89,9 €). */
    euros: (value: number) => formatEuros(value, format.locale),
  };
}
