import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type CategoryPatch } from '../../../api';
import { invalidateMenu } from './keys';

export const updateCategory = ({ id, patch }: { id: string; patch: CategoryPatch }) => api.updateCategory(id, patch);

export function useUpdateCategory() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: updateCategory, onSettled: () => invalidateMenu(qc) });
}

/** Writes a new order as sort_order 10, 20, 30… (only the rows whose value changes). */
export function useReorderCategories() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (rows: { id: string; sort_order: number }[]) => {
      for (const [i, r] of rows.entries()) {
        const wanted = (i + 1) * 10;
        if (r.sort_order !== wanted) await api.updateCategory(r.id, { sort_order: wanted });
      }
    },
    onSettled: () => invalidateMenu(qc),
  });
}
