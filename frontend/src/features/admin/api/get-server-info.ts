import { useQuery } from '@tanstack/react-query';
import { desktop } from '../../../api';
import { serverInfoQueryOptions } from '../../../api/queries/get-server-info';

/**
 * In the desktop app, the built-in server that tablets reach (this page is not served over
 * the LAN there); nothing to ask in a browser.
 */
export function useServerInfo() {
  return useQuery({ ...serverInfoQueryOptions(desktop!), enabled: desktop !== undefined, staleTime: 30_000 });
}
