import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from '../api';
import type { CremaEvent, ItemView } from '../api/types';

export const menuKey = ['menu'] as const;

/**
 * The menu, kept current by `menu.updated` events; `poll` (ms) is the fallback when this
 * device has no event stream.
 */
export function useMenu(poll: number | false = false) {
  return useQuery({ queryKey: menuKey, queryFn: () => api.getMenu(), refetchInterval: poll, staleTime: 30_000 });
}

/** Event handler that applies `menu.updated` to the cached menu. */
export function useMenuEvents(): (e: CremaEvent) => void {
  const qc = useQueryClient();
  return useCallback(
    (e: CremaEvent) => {
      if (e.type === 'menu.updated') qc.setQueryData(menuKey, e.menu);
      if (e.type === 'resync') void qc.invalidateQueries({ queryKey: menuKey });
    },
    [qc],
  );
}

export function itemIndex(menu: { categories: { items: ItemView[] }[] } | undefined): Map<string, ItemView> {
  const m = new Map<string, ItemView>();
  for (const c of menu?.categories ?? []) for (const i of c.items) m.set(i.id, i);
  return m;
}
