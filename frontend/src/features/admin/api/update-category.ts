import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type CategoryPatch } from '../../../api';
import { invalidateMenu } from './keys';

export const updateCategory = ({ id, patch }: { id: string; patch: CategoryPatch }) => api.updateCategory(id, patch);

export function useUpdateCategory() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: updateCategory, onSettled: () => invalidateMenu(qc) });
}
