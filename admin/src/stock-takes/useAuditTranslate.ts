import { useTranslate } from 'react-admin';

/** The stock-take session's texts (`resources.audits.session.*`). */
export function useAuditTranslate() {
  const translate = useTranslate();
  return (key: string, options?: Record<string, unknown>) => translate(`resources.audits.session.${key}`, options);
}
