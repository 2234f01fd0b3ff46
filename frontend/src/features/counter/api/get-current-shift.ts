import { queryOptions, useQuery } from '@tanstack/react-query';
import { ApiError, api } from '../../../api';
import { currentShiftKey } from './keys';

/** The open shift, or null when none is (the server answers 404 `no_open_shift`). */
export const getCurrentShift = () =>
  api.currentShift().catch((e: unknown) => {
    if (e instanceof ApiError && e.code === 'no_open_shift') return null;
    throw e;
  });

export const currentShiftQueryOptions = () => queryOptions({ queryKey: currentShiftKey, queryFn: getCurrentShift });

/** The open shift (or null), checked every minute; a screen that shows its figures fetches them fresh when it opens. */
export function useCurrentShift() {
  return useQuery({ ...currentShiftQueryOptions(), refetchInterval: 60_000 });
}
