import { useMutation, useQuery } from '@tanstack/react-query';
import { saveFile } from '../../../ui';
import { hq } from './client';
import { dailyKey, itemsKey, paymentsKey, shopsKey } from './keys';
import { usePollMs } from './live';

/** How many best sellers the dashboard shows. */
export const TOP_ITEMS = 10;

/** Each shop's days of the range (orders, revenue, average ticket, refunds, tips). */
export function useDaily(from: string, to: string) {
  return useQuery({ queryKey: dailyKey(from, to), queryFn: () => hq.daily(from, to), enabled: from <= to, refetchInterval: usePollMs() });
}

/** The best sellers of the range across shops. */
export function useTopItems(from: string, to: string) {
  return useQuery({ queryKey: itemsKey(from, to), queryFn: () => hq.items(from, to, TOP_ITEMS), enabled: from <= to, refetchInterval: usePollMs() });
}

/** Payments of the range by method. */
export function usePaymentMethods(from: string, to: string) {
  return useQuery({ queryKey: paymentsKey(from, to), queryFn: () => hq.payments(from, to), enabled: from <= to, refetchInterval: usePollMs() });
}

/** Every shop: last sync, orders received, the menu version it runs. */
export function useShops() {
  return useQuery({ queryKey: shopsKey, queryFn: hq.shops, refetchInterval: usePollMs() });
}

/** Downloads the range's days as CSV. */
export function useDownloadDailyCsv() {
  return useMutation({
    mutationFn: async ({ from, to }: { from: string; to: string }) => saveFile(await hq.dailyCsv(from, to), `crema-hq-daily-${from}-${to}.csv`),
  });
}
