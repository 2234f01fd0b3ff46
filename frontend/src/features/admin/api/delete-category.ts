import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api';
import { invalidateMenu } from './keys';

export const deleteCategory = (id: string) => api.deleteCategory(id);

/** The server refuses (409 `category_not_empty`) while items are in it. */
export function useDeleteCategory() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: deleteCategory, onSettled: () => invalidateMenu(qc) });
}
