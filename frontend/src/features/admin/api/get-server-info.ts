import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../api';
import { serverInfoKey } from '../../../api/keys';

/** The addresses tablets reach the server at: the desktop app's built-in server, or the one serving this page. */
export function useServerInfo() {
  return useQuery({ ...queryOptions({ queryKey: serverInfoKey, queryFn: () => api.serverInfo() }), staleTime: 30_000, retry: false });
}

/** True when none of the addresses is reachable from another device (the server listens on this computer only). */
export function onlyThisComputer(urls: string[]): boolean {
  return urls.length > 0 && urls.every((u) => /^https?:\/\/(127\.|\[::1\]|localhost)/.test(u));
}
