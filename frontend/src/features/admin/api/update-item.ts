import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type GroupEntry, type ItemPatch } from '../../../api';
import { invalidateMenu } from './keys';

export interface ItemUpdate {
  id: string;
  patch: ItemPatch;
  /** When given, replaces all of the item's modifier groups. */
  groups?: GroupEntry[];
}

export async function updateItem({ id, patch, groups }: ItemUpdate) {
  let item = Object.keys(patch).length > 0 ? await api.patchItem(id, patch) : undefined;
  if (groups) item = await api.replaceModifierGroups(id, groups);
  return item;
}

export function useUpdateItem() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: updateItem, onSettled: () => invalidateMenu(qc) });
}
