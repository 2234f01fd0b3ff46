import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../api';
import { customersKey } from './keys';

export const getCustomers = (q: string) => api.searchCustomers(q);

export const customersQueryOptions = (q: string) =>
  queryOptions({ queryKey: [...customersKey, q], queryFn: () => getCustomers(q), placeholderData: keepPreviousData });

/** Customers matching part of a name, e-mail or phone (all of them for ""). */
export function useCustomers(q: string) {
  return useQuery(customersQueryOptions(q));
}
