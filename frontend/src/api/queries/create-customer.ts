import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../index';
import { customersKey } from '../keys';
import type { NewCustomer } from '../types';

export const createCustomer = (c: NewCustomer) => api.createCustomer(c);

/** Adds a customer (admin, or the counter's customer picker); searches refetch. */
export function useCreateCustomer() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: createCustomer, onSettled: () => qc.invalidateQueries({ queryKey: customersKey }) });
}
