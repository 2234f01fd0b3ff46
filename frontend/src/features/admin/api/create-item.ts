import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type ItemInput } from '../../../api';
import { invalidateMenu } from './keys';

export const createItem = (item: ItemInput) => api.createItem(item);

export function useCreateItem() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: createItem, onSettled: () => invalidateMenu(qc) });
}
