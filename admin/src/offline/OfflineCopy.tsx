import { useEffect, useMemo, type ReactNode } from 'react';
import { DataProviderContext, useDataProvider, useListContext, useTranslate, type DataProvider, type GetListParams, type GetListResult } from 'react-admin';
import { Alert } from '@mui/material';
import CloudOffIcon from '@mui/icons-material/CloudOff';
import { isRetryable } from '../providers/idempotency.js';
import { useFormat } from '../i18n/useFormat.js';
import { getSessionUser } from '../providers/session.js';
import { offlineDb } from './offlineDb.js';

/** What a list answered offline carries in its `meta`: when its copy was fetched. */
interface OfflineCopyMeta {
  offlineCopySavedAt?: string;
}

/** One copy per person (a shared phone shows each one only what the API answered them), list and page. */
const copyKey = (name: string, { filter, sort, pagination }: GetListParams) => `${name}:${getSessionUser()?.id ?? 'nobody'}:${JSON.stringify({ filter, sort, pagination })}`;

/**
 * `dataProvider` whose lists keep their last answer in IndexedDB (same person, filter, sort and page);
 * when the network does not answer, that copy is answered instead, with the date it was fetched.
 */
export function withOfflineCopy(dataProvider: DataProvider, name: string): DataProvider {
  return {
    ...dataProvider,
    async getList(resource: string, params: GetListParams): Promise<GetListResult> {
      const key = copyKey(`${name}:${resource}`, params);
      try {
        const result = await dataProvider.getList(resource, params);
        await (await offlineDb()).put('copies', { key, savedAt: new Date().toISOString(), value: { data: result.data, total: result.total } });
        return result;
      } catch (error) {
        if (!isRetryable(error)) throw error;
        const copy = await (await offlineDb()).get('copies', key);
        if (!copy) throw error;
        const meta: OfflineCopyMeta = { offlineCopySavedAt: copy.savedAt };
        return { ...(copy.value as GetListResult), meta };
      }
    },
  };
}

/** The lists inside keep a copy for when the phone has no network (`name`: which screen's lists). */
export const KeepOfflineCopy = ({ name, children }: { name: string; children: ReactNode }) => {
  const dataProvider = useDataProvider();
  const keeping = useMemo(() => withOfflineCopy(dataProvider, name), [dataProvider, name]);
  return <DataProviderContext.Provider value={keeping}>{children}</DataProviderContext.Provider>;
};

/** While a copy is shown, the list is asked again this often (the `online` event is not always fired). */
const RETRY_MS = 10_000;

/**
 * While `active`, `refetch` on the `online` event and every RETRY_MS: react-query's own reconnect
 * refetch misses a page that was loaded offline (it starts believing it is online).
 */
function useRefetchWhileOffline(active: boolean, refetch: () => unknown) {
  useEffect(() => {
    if (!active) return;
    const again = () => void refetch();
    window.addEventListener('online', again);
    const timer = setInterval(again, RETRY_MS);
    return () => {
      window.removeEventListener('online', again);
      clearInterval(timer);
    };
  }, [active, refetch]);
}

/** « hors ligne — liste du 07/12/2026 05:10 » above a list shown from its offline copy; the list is fetched again when the network is back. */
export const OfflineCopyNotice = () => {
  const { meta, refetch } = useListContext();
  const translate = useTranslate();
  const format = useFormat();
  const savedAt = (meta as OfflineCopyMeta | undefined)?.offlineCopySavedAt;
  useRefetchWhileOffline(!!savedAt, refetch);
  if (!savedAt) return null;
  return (
    <Alert severity="warning" icon={<CloudOffIcon />} data-testid="offline-copy" sx={{ m: 1 }}>
      {translate('reemploi.offline.list_copy', { date: format.dateTime(savedAt) })}
    </Alert>
  );
};

/**
 * In place of a list never fetched on this phone and not reachable now (no copy to show): says it
 * will appear when the network is back, and that `stillWorks` (e.g. scanning) meanwhile; fetched
 * again as soon as possible. Any other error is shown as it is.
 */
export const ListNotFetchedYet = ({ stillWorks }: { stillWorks: string }) => {
  const { error, isPaused, refetch } = useListContext();
  const translate = useTranslate();
  const offline = isPaused || isRetryable(error);
  useRefetchWhileOffline(offline, refetch);
  if (!offline) return <Alert severity="error">{(error as Error | null)?.message ?? translate('ra.notification.http_error')}</Alert>;
  return (
    <Alert severity="info" icon={<CloudOffIcon />} data-testid="list-not-fetched" sx={{ m: 1 }}>
      {translate('reemploi.offline.list_not_fetched', { still_works: stillWorks })}
    </Alert>
  );
};
