import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, type Order } from '../../../api';
import type { CacheEventHandler } from '../../../api/hooks';
import { orderKey } from './keys';

export const getOrder = (id: string) => api.getOrder(id);

export const orderQueryOptions = (id: string) => queryOptions({ queryKey: orderKey(id), queryFn: () => getOrder(id) });

/** The order until it is picked up or cancelled: polled fast without live events, slowly with them. */
export function useOrder(id: string, live: boolean) {
  return useQuery({
    ...orderQueryOptions(id),
    refetchInterval: (query) => {
      const s = query.state.data?.status;
      if (s === 'completed' || s === 'cancelled') return false;
      return live ? 30_000 : 3000;
    },
  });
}

/** Applies this order's `order.created` / `order.updated` / `order.eta` to the cache; refetches it after a `resync`. */
export const applyOrderEvent =
  (id: string): CacheEventHandler =>
  (qc, e) => {
    if ((e.type === 'order.updated' || e.type === 'order.created') && e.order.id === id) qc.setQueryData(orderKey(id), e.order);
    if (e.type === 'order.eta' && e.eta.id === id)
      qc.setQueryData<Order>(orderKey(id), (o) => (o ? { ...o, estimated_ready_at: e.eta.estimated_ready_at } : o));
    if (e.type === 'resync') void qc.invalidateQueries({ queryKey: orderKey(id) });
  };
