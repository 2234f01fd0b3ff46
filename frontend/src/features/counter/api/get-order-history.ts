import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, type OrderStatus } from '../../../api';
import { counterOrdersKey } from './keys';

const EVERY: OrderStatus[] = ['placed', 'in_progress', 'ready', 'completed', 'cancelled'];

/** Every order of a business day (`YYYY-MM-DD`), handed over and cancelled ones too. */
export const getOrderHistory = (date: string) => api.listOrders(EVERY, date);

// Under the counter's orders key: every order event refetches it as well.
export const orderHistoryQueryOptions = (date: string) =>
  queryOptions({ queryKey: [...counterOrdersKey, 'history', date], queryFn: () => getOrderHistory(date), placeholderData: keepPreviousData });

/** The day's orders, for reprints and refunds after pickup. */
export function useOrderHistory(date: string) {
  return useQuery(orderHistoryQueryOptions(date));
}
