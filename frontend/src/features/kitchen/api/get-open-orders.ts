import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { api, type Order, type OrderStatus } from '../../../api';
import type { CacheEventHandler } from '../../../api/hooks';
import { upsertOrder, withEta } from '../board';
import { openOrdersKey } from './keys';

/** The statuses the board shows. */
export const OPEN: OrderStatus[] = ['placed', 'in_progress', 'ready'];

export const getOpenOrders = () => api.listOrders(OPEN);

export const openOrdersQueryOptions = () => queryOptions({ queryKey: openOrdersKey, queryFn: getOpenOrders });

/** Polled every minute with live events, every 5 s without. */
export function useOpenOrders(live: boolean) {
  return useQuery({ ...openOrdersQueryOptions(), refetchInterval: live ? 60_000 : 5000 });
}

/** Puts a changed order into the cached board (or takes it off when it left the open statuses). */
export function upsertOpenOrder(qc: QueryClient, o: Order) {
  qc.setQueryData<{ orders: Order[] }>(openOrdersKey, (d) => (d ? { orders: upsertOrder(d.orders, o, OPEN) } : d));
}

/** Applies `order.created` / `order.updated` / `order.eta` to the board; refetches it after a `resync`. */
export const applyOpenOrderEvent: CacheEventHandler = (qc, e) => {
  if (e.type === 'order.created' || e.type === 'order.updated') upsertOpenOrder(qc, e.order);
  else if (e.type === 'order.eta') qc.setQueryData<{ orders: Order[] }>(openOrdersKey, (d) => (d ? { orders: withEta(d.orders, e.eta) } : d));
  else if (e.type === 'resync') void qc.invalidateQueries({ queryKey: openOrdersKey });
};
