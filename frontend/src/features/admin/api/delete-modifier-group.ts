import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api';
import { invalidateMenu } from './keys';

export const deleteModifierGroup = (id: string) => api.deleteModifierGroup(id);

/** The server refuses (409 `modifier_group_in_use`, naming the items) while items have it. */
export function useDeleteModifierGroup() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: deleteModifierGroup, onSettled: () => invalidateMenu(qc) });
}
