import { queryOptions, useQuery } from '@tanstack/react-query';
import type { DesktopApi } from '../../../api';
import { updateKey } from './keys';

export const checkUpdate = (desktop: DesktopApi) => desktop.checkUpdate();

export const updateQueryOptions = (desktop: DesktopApi) =>
  queryOptions({ queryKey: updateKey, queryFn: () => checkUpdate(desktop), retry: false, staleTime: 300_000 });

/** The installed version and, when there is one, a newer release. */
export function useCheckUpdate(desktop: DesktopApi) {
  return useQuery(updateQueryOptions(desktop));
}
