import { useMutation } from '@tanstack/react-query';
import { api } from '../../../api';

export const loginWithPin = (pin: string) => api.loginWithPin(pin);

/** A cashier's sign-in with their PIN; the session store keeps the tokens. */
export function useLoginWithPin() {
  return useMutation({ mutationFn: loginWithPin });
}
