import { useQuery } from '@tanstack/react-query';
import { api } from '../index';
import { syncStatusKey } from '../keys';

/** Head office's sync status, asked again every minute (a push happens every few seconds). */
export function useSyncStatus(enabled = true) {
  return useQuery({ queryKey: syncStatusKey, queryFn: () => api.syncStatus(), refetchInterval: 60_000, retry: false, enabled });
}

/** Minutes after which the counter says the shop is behind head office. */
export const BEHIND_MINUTES = 15;

/** Whole minutes the oldest waiting sale has waited, when an enrolled shop is behind; else null. */
export function minutesBehind(s: { enrolled: boolean; pending: number; oldest_pending_at?: string | null } | undefined, now: number): number | null {
  if (!s?.enrolled || s.pending === 0 || !s.oldest_pending_at) return null;
  const minutes = Math.floor((now - Date.parse(s.oldest_pending_at)) / 60_000);
  return minutes > BEHIND_MINUTES ? minutes : null;
}
