import { useState } from 'react';
import { useGetOne, useNotify } from 'react-admin';
import { useQueryClient } from '@tanstack/react-query';
import { useReemploiDataProvider } from '../providers/hooks.js';
import { downloadFile } from '../batches/download.js';
import { openPdf } from '../devices/labels.js';
import type { AuditCounts, AuditDetail } from './types.js';
import { useAuditScans } from './useAuditScans.js';
import { useAuditTranslate } from './useAuditTranslate.js';

/** Two operators may scan the same session: each sees the other's scans within this delay. */
const POLL_MS = 5000;

export type StateAction = 'pause' | 'resume' | 'close';

/** One stock-take session: the audit (polled while open), its scans, pausing and closing it, moving the unexpected devices, its report. */
export function useAuditSession(auditId: number) {
  const t = useAuditTranslate();
  const notify = useNotify();
  const dataProvider = useReemploiDataProvider();
  const queryClient = useQueryClient();
  const { data: audit, error, refetch } = useGetOne<AuditDetail>(
    'audits',
    { id: auditId },
    { enabled: Number.isInteger(auditId), refetchInterval: (query) => (query.state.data?.status === 'closed' ? false : POLL_MS) },
  );
  const [confirmingClose, setConfirmingClose] = useState(false);
  const [busy, setBusy] = useState<StateAction | null>(null);

  /** The answer of a scan or an action is fresher than the last poll: show it at once. */
  const patchAudit = (patch: Partial<AuditDetail> | AuditCounts) => {
    queryClient.setQueriesData<AuditDetail>({ queryKey: ['audits', 'getOne'] }, (old) => (old && old.id === auditId ? { ...old, ...patch } : old));
  };
  const scans = useAuditScans({ auditId, audit, patchAudit, refetch });

  const changeState = async (action: StateAction) => {
    setBusy(action);
    try {
      const updated = await dataProvider.setAuditState(auditId, action);
      patchAudit(updated);
      if (action === 'close') notify(t('closed_done', { id: auditId }), { type: 'success' });
      else notify(t(action === 'pause' ? 'paused' : 'resumed'), { type: 'info' });
    } catch (caught) {
      notify((caught as Error).message, { type: 'error' });
    } finally {
      setBusy(null);
      setConfirmingClose(false);
      void refetch();
      void queryClient.invalidateQueries({ queryKey: ['audits', 'getList'] });
    }
  };

  const relocate = async (ids: number[]) => {
    try {
      const result = await dataProvider.relocateAuditDevices(auditId, ids);
      if (result.moved.length) scans.announce('success', t('relocated', { smart_count: result.moved.length, site: audit!.site }), undefined, 'ok');
      const rows = audit?.lists.unexpected ?? [];
      for (const refusal of result.refused) {
        const assetTag = rows.find((row) => row.id === refusal.id)?.assetTag ?? String(refusal.id);
        notify(t('relocate_refused', { assetTag, reason: refusal.reason }), { type: 'warning', multiLine: true });
      }
    } catch (caught) {
      notify((caught as Error).message, { type: 'error' });
    }
    await refetch();
  };

  const report = async (kind: 'pdf' | 'xlsx') => {
    const path = `/audits/${auditId}/report.${kind}`;
    const fileName = `inventaire-${auditId}.${kind}`;
    try {
      if (kind === 'pdf') {
        const opened = await openPdf(dataProvider, path, fileName);
        if (!opened) notify('resources.devices.notifications.popup_blocked', { type: 'info' });
      } else await downloadFile(dataProvider, path, fileName);
    } catch (caught) {
      notify((caught as Error).message, { type: 'error' });
    }
  };

  return { audit, error, scans, confirmingClose, setConfirmingClose, busy, changeState, relocate, report };
}
