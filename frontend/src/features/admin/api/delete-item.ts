import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api';
import { invalidateMenu } from './keys';

export const deleteItem = (id: string) => api.deleteItem(id);

export function useDeleteItem() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: deleteItem, onSettled: () => invalidateMenu(qc) });
}
