import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../api';
import { zReportDayKey } from './keys';

export const getZReport = (date: string) => api.zReport(date);

export const zReportQueryOptions = (date: string) => queryOptions({ queryKey: zReportDayKey(date), queryFn: () => getZReport(date), enabled: /^\d{4}-\d{2}-\d{2}$/.test(date) });

/** The Z report of one business day (`YYYY-MM-DD`); today's changes while open, so it is refreshed every 30 s. */
export function useZReport(date: string) {
  return useQuery({ ...zReportQueryOptions(date), refetchInterval: 30_000 });
}
