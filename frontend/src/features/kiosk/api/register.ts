import { useMutation } from '@tanstack/react-query';
import { api, type RegisterRequest } from '../../../api';

export const register = (body: RegisterRequest) => api.register(body);

/** A customer's new account; they are signed in with it. */
export function useRegister() {
  return useMutation({ mutationFn: register });
}
