import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../api';
import { myOrdersKey } from './keys';

export const getMyOrders = () => api.myOrders();

export const myOrdersQueryOptions = () => queryOptions({ queryKey: myOrdersKey, queryFn: getMyOrders });

/** The signed-in customer's orders, newest first (fetched while `enabled`). */
export function useMyOrders(enabled: boolean) {
  return useQuery({ ...myOrdersQueryOptions(), enabled });
}
