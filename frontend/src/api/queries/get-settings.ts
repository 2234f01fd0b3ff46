import { queryOptions, useQuery } from '@tanstack/react-query';
import type { CacheEventHandler } from '../hooks';
import { api } from '../index';
import { settingsKey } from '../keys';

export const getSettings = () => api.getSettings();

export const settingsQueryOptions = (staleTime = 60_000) => queryOptions({ queryKey: settingsKey, queryFn: getSettings, staleTime });

/** The shop settings; screens that follow events keep them current with `applySettingsEvent`. */
export function useSettings(staleTime?: number) {
  return useQuery(settingsQueryOptions(staleTime));
}

/** Applies `settings.updated` to the cached settings. */
export const applySettingsEvent: CacheEventHandler = (qc, e) => {
  if (e.type === 'settings.updated') qc.setQueryData(settingsKey, e.settings);
};
