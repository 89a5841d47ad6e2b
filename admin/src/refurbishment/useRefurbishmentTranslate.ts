import { useTranslate } from 'react-admin';

/** The partner's workbench texts (`reemploi.handover.refurbishment.*`). */
export function useRefurbishmentTranslate() {
  const translate = useTranslate();
  return (key: string, options?: Record<string, unknown>) => translate(`reemploi.handover.refurbishment.${key}`, options);
}
