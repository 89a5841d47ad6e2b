import { useTranslate } from 'react-admin';

/** The reception desk's texts (`reemploi.referrals.reception.*`). */
export function useReceptionTranslate() {
  const translate = useTranslate();
  return (key: string, options?: Record<string, unknown>) => translate(`reemploi.referrals.reception.${key}`, options);
}
