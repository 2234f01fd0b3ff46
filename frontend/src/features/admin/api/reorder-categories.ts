import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api';
import { invalidateMenu } from './keys';

/** Writes a new order as sort_order 10, 20, 30… (only the rows whose value changes). */
export async function reorderCategories(rows: { id: string; sort_order: number }[]) {
  for (const [i, r] of rows.entries()) {
    const wanted = (i + 1) * 10;
    if (r.sort_order !== wanted) await api.updateCategory(r.id, { sort_order: wanted });
  }
}

export function useReorderCategories() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: reorderCategories, onSettled: () => invalidateMenu(qc) });
}
