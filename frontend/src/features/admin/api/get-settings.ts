import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../api';
import { settingsKey } from './keys';

export const getSettings = () => api.getSettings();

export const settingsQueryOptions = () => queryOptions({ queryKey: settingsKey, queryFn: getSettings, staleTime: 60_000 });

/** The shop settings; the admin page keeps them current from `settings.updated`. */
export function useSettings() {
  return useQuery(settingsQueryOptions());
}
