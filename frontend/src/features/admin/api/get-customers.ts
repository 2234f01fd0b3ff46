import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { customersQueryOptions } from '../../../api/queries/get-customers';

/** Customers matching part of a name, e-mail or phone (all of them for ""); the last list stays while the next loads. */
export function useCustomers(q: string) {
  return useQuery({ ...customersQueryOptions(q), placeholderData: keepPreviousData });
}
