import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type LibraryGroupInput } from '../../../api';
import { invalidateMenu } from './keys';

/** Adds a group to the library, or (with `id`) changes it for every item that has it. */
export function saveModifierGroup({ id, group }: { id?: string; group: LibraryGroupInput }) {
  return id ? api.updateModifierGroup(id, group) : api.createModifierGroup(group);
}

export function useSaveModifierGroup() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: saveModifierGroup, onSettled: () => invalidateMenu(qc) });
}
