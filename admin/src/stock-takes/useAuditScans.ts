import { useRef, useState } from 'react';
import { useTranslate } from 'react-admin';
import { errorCode } from '../providers/http.js';
import { useReemploiDataProvider } from '../providers/hooks.js';
import { useScanAnnouncer } from '../batches/useScanAnnouncer.js';
import type { ScanEntry } from './LastScans.js';
import type { AuditCounts, AuditDetail } from './types.js';
import { useAuditTranslate } from './useAuditTranslate.js';
import { useScanQueue } from '../offline/useScanQueue.js';
import type { AuditScanResult } from './types.js';
import { normaliseBatchReference } from '../../../api/batches/batch-reference.js';
import { useOpenScannedBatch } from '../scanner/useOpenScannedBatch.js';

const LAST_SCANS_KEPT = 30;

interface AuditScansOptions {
  auditId: number;
  audit: AuditDetail | undefined;
  patchAudit: (counts: AuditCounts) => void;
  refetch: () => unknown;
}

/**
 * Each code scanned during the stock-take: stored at once in the offline queue, sent to the API in
 * order (exactly once, thanks to its Idempotency-Key), announced in the banner, kept in the last scans.
 */
export function useAuditScans({ auditId, audit, patchAudit, refetch }: AuditScansOptions) {
  const translate = useTranslate();
  const t = useAuditTranslate();
  const dataProvider = useReemploiDataProvider();
  const { banner, announce } = useScanAnnouncer();
  const [entries, setEntries] = useState<ScanEntry[]>([]);
  const entryKey = useRef(0);
  const openScannedBatch = useOpenScannedBatch();

  const showResult = (scan: AuditScanResult) => {
    entryKey.current += 1;
    const entry: ScanEntry = { key: entryKey.current, result: scan.result, code: scan.code, device: scan.device, at: new Date().toISOString() };
    setEntries((current) => [entry, ...current].slice(0, LAST_SCANS_KEPT));
    patchAudit(scan.counts);
    const tag = scan.device?.assetTag ?? scan.code;
    if (scan.result === 'found') announce('success', t('found', { assetTag: tag }), tag);
    else if (scan.result === 'duplicate') announce('warning', t('duplicate', { code: tag }), tag, 'warning');
    else if (scan.result === 'unexpected' && scan.device) {
      // found here but placed elsewhere, or here but no longer a depot device (handed over, withdrawn…)
      const elsewhere = scan.device.site !== audit?.site;
      const text = elsewhere
        ? t('unexpected_site', { assetTag: tag, site: scan.device.site })
        : t('unexpected_status', { assetTag: tag, status: translate(`resources.devices.statuses.${scan.device.status}`) });
      announce('warning', text, tag, 'foreign');
    } else announce('error', t('unknown', { code: scan.code }), scan.code, 'error');
    void refetch();
  };

  const queue = useScanQueue<AuditScanResult>(`audit:${auditId}`, {
    send: (scan) => dataProvider.scanAudit(auditId, scan.code, scan.idempotencyKey),
    onSent: (_scan, result) => showResult(result),
    onConflict: (scan, error) => {
      const reason = errorCode(error);
      if (reason === 'INVALID_CHECK_DIGIT') {
        announce('error', t('check_digit'));
        return false;
      }
      announce('error', reason === 'AUDIT_NOT_OPEN' ? t('not_open', { message: error.message }) : `${scan.code} : ${error.message}`);
      void refetch();
      return true;
    },
  });

  const handleCode = async (raw: string) => {
    const text = raw.trim();
    if (!text) return;
    if (normaliseBatchReference(text)) {
      // the manifest's barcode opens that batch (never counted as a device of the stock-take)
      await openScannedBatch(text).catch((error: Error) => announce('error', error.message));
      return;
    }
    await queue.add(text);
    if (!navigator.onLine) announce('warning', translate('reemploi.offline.saved_offline'), text);
  };

  return { banner, announce, entries, handleCode, queue };
}
