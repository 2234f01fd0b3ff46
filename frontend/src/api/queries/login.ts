import { useMutation } from '@tanstack/react-query';
import { api } from '../index';
import type { LoginRequest } from '../types';

export const login = (body: LoginRequest) => api.login(body);

/** Signs in with a username (or a customer's e-mail) and password; the session store keeps the tokens. */
export function useLogin() {
  return useMutation({ mutationFn: login });
}
