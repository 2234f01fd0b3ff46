import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type CategoryInput } from '../../../api';
import { invalidateMenu } from './keys';

export const createCategory = (c: CategoryInput) => api.createCategory(c);

export function useCreateCategory() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: createCategory, onSettled: () => invalidateMenu(qc) });
}
