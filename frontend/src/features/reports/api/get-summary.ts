import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../api';
import { summaryRangeKey } from './keys';

export const getSummary = (from: string, to: string) => api.getSummary(from, to);

export const summaryQueryOptions = (from: string, to: string) =>
  queryOptions({ queryKey: summaryRangeKey(from, to), queryFn: () => getSummary(from, to), enabled: from <= to });

/** The dashboard's figures for the days `from`..`to` (ISO dates), refreshed every 30 s. */
export function useSummary(from: string, to: string) {
  return useQuery({ ...summaryQueryOptions(from, to), refetchInterval: 30_000 });
}
