import { useNavigate } from 'react-router-dom';
import { normaliseBatchReference } from '../../../api/batches/batch-reference.js';
import { useReemploiDataProvider } from '../providers/hooks.js';
import type { BatchScanResult } from '../types.js';

/**
 * The barcode of a manifest (`LOT-2026-0001`) scanned on any scan screen opens that batch.
 * Returns null when the code is not a batch reference (the screen handles it as usual); errors
 * (unknown batch, role that does not see batches) are thrown like those of a device scan.
 * `pathOf` names the screen opened (the batch page unless said otherwise, e.g. the pickup screen).
 */
export function useOpenScannedBatch(pathOf: (batchId: number) => string = (batchId) => `/batches/${batchId}/show`) {
  const dataProvider = useReemploiDataProvider();
  const navigate = useNavigate();
  return async (raw: string): Promise<BatchScanResult | null> => {
    if (!normaliseBatchReference(raw)) return null;
    const result = (await dataProvider.scan(raw)) as unknown as BatchScanResult;
    navigate(pathOf(result.id));
    return result;
  };
}
