import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type NewCustomer } from '../../../api';
import { customersKey } from './keys';

export const createCustomer = (c: NewCustomer) => api.createCustomer(c);

export function useCreateCustomer() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: createCustomer, onSettled: () => qc.invalidateQueries({ queryKey: customersKey }) });
}
