import { useQuery } from '@tanstack/react-query';
import type { DesktopApi } from '../../../api';
import { serverInfoQueryOptions } from '../../../api/queries/get-server-info';

/** The built-in server's addresses (or why it is not running), checked every 30 s. */
export function useServerInfo(desktop: DesktopApi) {
  return useQuery({ ...serverInfoQueryOptions(desktop), refetchInterval: 30_000 });
}
