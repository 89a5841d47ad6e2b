import { useDataProvider, usePermissions } from 'react-admin';
import { useQuery } from '@tanstack/react-query';
import { canAccess, type Action, type Role } from '../../../api/core/permissions.js';
import type { ReemploiDataProvider } from './dataProvider.js';

/** The data provider with Réemploi's named actions (transitions, scan, import…). */
export const useReemploiDataProvider = () => useDataProvider<ReemploiDataProvider>();

export function useRole(): Role | undefined {
  return usePermissions<Role | undefined>().permissions;
}

/** Synchronous check against the shared permissions table (menus and buttons). */
export function useCan(action: Action, resource: string): boolean {
  return canAccess(useRole(), action, resource);
}

/** Known sites for autocompletes; only depot staff may list them. */
export function useSites(enabled = true) {
  const dataProvider = useReemploiDataProvider();
  const allowed = useCan('create', 'devices');
  return useQuery({
    queryKey: ['sites'],
    queryFn: () => dataProvider.getSites(),
    enabled: enabled && allowed,
    staleTime: 60_000,
  });
}
