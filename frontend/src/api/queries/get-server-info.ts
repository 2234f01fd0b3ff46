import { queryOptions } from '@tanstack/react-query';
import { serverInfoKey } from '../keys';
import type { DesktopApi } from '../transport';

export const getServerInfo = (desktop: DesktopApi) => desktop.serverInfo();

/** The desktop app's built-in server (its addresses, or why it could not start). */
export const serverInfoQueryOptions = (desktop: DesktopApi) => queryOptions({ queryKey: serverInfoKey, queryFn: () => getServerInfo(desktop) });
