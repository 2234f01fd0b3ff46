import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type StaffChange } from '../../../api';
import { usersKey } from './keys';

export const updateUser = ({ id, change }: { id: string; change: StaffChange }) => api.updateUser(id, change);

/** Disable/enable, or a new password or PIN. */
export function useUpdateUser() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: updateUser, onSettled: () => qc.invalidateQueries({ queryKey: usersKey }) });
}
