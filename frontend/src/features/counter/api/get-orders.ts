import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, type OrderStatus } from '../../../api';
import type { CacheEventHandler } from '../../../api/hooks';
import { counterOrdersKey, refetchOrders } from './keys';

const OPEN: OrderStatus[] = ['placed', 'in_progress', 'ready'];

export const getOrders = () => api.listOrders(OPEN);

export const ordersQueryOptions = () => queryOptions({ queryKey: counterOrdersKey, queryFn: getOrders });

/** The open orders: polled every minute with live events, every 5 s without. */
export function useOrders(live: boolean) {
  return useQuery({ ...ordersQueryOptions(), refetchInterval: live ? 60_000 : 5000 });
}

/** Refetches the orders when one was placed or changed (or after a `resync`). */
export const applyOrderEvent: CacheEventHandler = (qc, e) => {
  if (e.type === 'order.created' || e.type === 'order.updated' || e.type === 'resync') refetchOrders(qc);
};
