import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, type FirstRun } from '../../../api';
import type { SetupGateState } from './get-setup-status';
import { setupStatusKey } from './keys';

/** A browser on the counter PC sends the one-time token `crema serve` printed (`/setup?token=…`). */
export const completeSetup = (f: FirstRun) => {
  const token = typeof window === 'undefined' ? null : new URLSearchParams(window.location.search).get('token');
  return api.completeSetup(token ? { ...f, setup_token: token } : f);
};

/** On success (or when the shop was set up meanwhile) the app shell moves on from /setup. */
export function useCompleteSetup() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: completeSetup,
    onSuccess: () => qc.setQueryData<SetupGateState>(setupStatusKey, { needed: false, completedHere: true }),
    onError: (err) => {
      if (err instanceof ApiError && err.code === 'already_set_up') qc.setQueryData<SetupGateState>(setupStatusKey, { needed: false });
    },
  });
}
