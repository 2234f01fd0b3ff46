import { queryOptions } from '@tanstack/react-query';
import { api } from '../index';
import { customerSearchKey } from '../keys';

export const getCustomers = (q: string) => api.searchCustomers(q);

/** Customers matching part of a name, e-mail or phone (all of them for ""). */
export const customersQueryOptions = (q: string) => queryOptions({ queryKey: customerSearchKey(q), queryFn: () => getCustomers(q) });
