import { useMutation } from '@tanstack/react-query';
import { api } from '../index';

export const logout = () => api.logout();

export function useLogout() {
  return useMutation({ mutationFn: logout });
}
