import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useReemploiDataProvider } from '../providers/hooks.js';

const key = (batchId: number) => ['batches', batchId, 'devices'];

/** The devices of one batch (unpaginated: a batch is one truck load). */
export function useBatchDevices(batchId: number | undefined) {
  const dataProvider = useReemploiDataProvider();
  return useQuery({
    queryKey: key(batchId ?? 0),
    queryFn: () => dataProvider.getBatchDevices(batchId!),
    enabled: !!batchId,
  });
}

/** After a change: the batch (counts, status, version) and its devices are read again. */
export function useInvalidateBatch() {
  const queryClient = useQueryClient();
  return (batchId: number) =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: key(batchId) }),
      queryClient.invalidateQueries({ queryKey: ['batches', 'getOne'] }),
      queryClient.invalidateQueries({ queryKey: ['batches', 'getList'] }),
      queryClient.invalidateQueries({ queryKey: ['devices'] }),
    ]);
}
