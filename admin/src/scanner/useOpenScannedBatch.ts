import { useNavigate } from 'react-router-dom';
import { normaliseBatchReference } from '../../../api/batches/batch-reference.js';
import { useReemploiDataProvider } from '../providers/hooks.js';
import type { BatchScanResult } from '../types.js';

/**
 * The barcode of a manifest (`LOT-2026-0001`) scanned on any scan screen opens that batch.
 * Returns null when the code is not a batch reference (the screen handles it as usual); errors
 * (unknown batch, role that does not see batches) are thrown like those of a device scan.
 */
export function useOpenScannedBatch() {
  const dataProvider = useReemploiDataProvider();
  const navigate = useNavigate();
  return async (raw: string): Promise<BatchScanResult | null> => {
    if (!normaliseBatchReference(raw)) return null;
    const result = (await dataProvider.scan(raw)) as unknown as BatchScanResult;
    navigate(`/batches/${result.id}/show`);
    return result;
  };
}
