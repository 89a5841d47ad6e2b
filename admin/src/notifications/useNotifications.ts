import { useCallback } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useLogoutIfAccessDenied, useNotify } from 'react-admin';
import { useReemploiDataProvider } from '../providers/hooks.js';
import type { AppNotification } from './types.js';

/** Every query about notifications starts with the resource name: one invalidation refreshes bell, popover and page. */
const UNREAD_COUNT_KEY = ['notifications', 'unread-count'];
const POLL_INTERVAL_MS = 30_000;

/** The bell's number: polled every 30 s, and again whenever the window regains focus (a tab left open all day). */
export function useUnreadCount(): number {
  const dataProvider = useReemploiDataProvider();
  const logoutIfAccessDenied = useLogoutIfAccessDenied();
  const { data } = useQuery({
    queryKey: UNREAD_COUNT_KEY,
    // a session that expired while the tab sat open goes back to the login page, as any react-admin query would
    queryFn: () =>
      dataProvider.getUnreadNotificationCount().catch(async (error: unknown) => {
        await logoutIfAccessDenied(error);
        throw error;
      }),
    refetchInterval: POLL_INTERVAL_MS,
    refetchOnWindowFocus: 'always',
  });
  return data?.count ?? 0;
}

/**
 * Marks one notification read, the bell's number going down at once. Plain promises rather than a
 * mutation hook: the popover that calls it closes (unmounts) while the request is still running.
 */
export function useMarkNotificationRead() {
  const dataProvider = useReemploiDataProvider();
  const queryClient = useQueryClient();
  const notify = useNotify();
  return useCallback(
    (notification: AppNotification) => {
      if (notification.read) return;
      queryClient.setQueryData<{ count: number }>(UNREAD_COUNT_KEY, (old) => (old ? { count: Math.max(0, old.count - 1) } : old));
      dataProvider
        .markNotificationRead(notification.id)
        .catch((error: Error) => notify(error.message, { type: 'error' }))
        .finally(() => queryClient.invalidateQueries({ queryKey: ['notifications'] }));
    },
    [dataProvider, queryClient, notify],
  );
}

export function useMarkAllNotificationsRead() {
  const dataProvider = useReemploiDataProvider();
  const queryClient = useQueryClient();
  const notify = useNotify();
  return useCallback(async () => {
    try {
      await dataProvider.markAllNotificationsRead();
      notify('reemploi.notifications.all_read', { type: 'info' });
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    } finally {
      await queryClient.invalidateQueries({ queryKey: ['notifications'] });
    }
  }, [dataProvider, queryClient, notify]);
}
