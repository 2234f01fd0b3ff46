import { queryOptions, useQuery } from '@tanstack/react-query';
import type { CacheEventHandler } from '../hooks';
import { api } from '../index';
import { menuKey } from '../keys';

export const getMenu = () => api.getMenu();

export const menuQueryOptions = () => queryOptions({ queryKey: menuKey, queryFn: getMenu, staleTime: 30_000 });

/**
 * The menu, kept current by `menu.updated` events (`applyMenuEvent`); `poll` (ms) is the
 * fallback when this device has no event stream.
 */
export function useMenu(poll: number | false = false) {
  return useQuery({ ...menuQueryOptions(), refetchInterval: poll });
}

/** Applies `menu.updated` to the cached menu; refetches it after a `resync`. */
export const applyMenuEvent: CacheEventHandler = (qc, e) => {
  if (e.type === 'menu.updated') qc.setQueryData(menuKey, e.menu);
  if (e.type === 'resync') void qc.invalidateQueries({ queryKey: menuKey });
};
