import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type NewStaff } from '../../../api';
import { usersKey } from './keys';

export const createUser = (u: NewStaff) => api.createUser(u);

export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: createUser, onSettled: () => qc.invalidateQueries({ queryKey: usersKey }) });
}
