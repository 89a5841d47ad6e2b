import { useState, type FormEvent } from 'react';
import { useNotify, useRedirect, useTranslate } from 'react-admin';
import { errorCode } from '../providers/http.js';
import { useReemploiDataProvider } from '../providers/hooks.js';
import type { AuditDetail } from './types.js';

/** Starting a stock-take: the site, the call, and the session already running there if there is one. */
export function useStartAudit() {
  const translate = useTranslate();
  const notify = useNotify();
  const redirect = useRedirect();
  const dataProvider = useReemploiDataProvider();
  const [site, setSite] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [runningId, setRunningId] = useState<number | null>(null);
  const t = (key: string, options?: Record<string, unknown>) => translate(`resources.audits.create.${key}`, options);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (site.trim().length < 2 || busy) return;
    setBusy(true);
    setError(null);
    setRunningId(null);
    try {
      const { data } = await dataProvider.create<AuditDetail>('audits', { data: { site: site.trim() } });
      notify(t('started', { id: data.id }), { type: 'success' });
      redirect('show', 'audits', data.id);
    } catch (caught) {
      const details = (caught as { body?: { details?: { auditId?: number } } }).body?.details;
      if (errorCode(caught) === 'AUDIT_ALREADY_OPEN' && details?.auditId) setRunningId(details.auditId);
      else setError((caught as Error).message);
    } finally {
      setBusy(false);
    }
  };

  /** Another site: the running session shown for the previous one no longer applies. */
  const chooseSite = (value: string) => {
    setSite(value);
    setRunningId(null);
  };

  return { site, chooseSite, busy, error, runningId, submit };
}
