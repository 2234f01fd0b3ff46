import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api';
import { invalidateMenu } from './keys';

/** Writes a new item order within a category as sort_order 10, 20, 30… */
export async function reorderItems(ids: string[]) {
  for (const [i, id] of ids.entries()) await api.patchItem(id, { sort_order: (i + 1) * 10 });
}

export function useReorderItems() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: reorderItems, onSettled: () => invalidateMenu(qc) });
}
