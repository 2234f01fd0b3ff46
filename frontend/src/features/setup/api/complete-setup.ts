import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, type FirstRun } from '../../../api';
import type { SetupGateState } from './get-setup-status';
import { setupStatusKey } from './keys';

export const completeSetup = (f: FirstRun) => api.completeSetup(f);

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
