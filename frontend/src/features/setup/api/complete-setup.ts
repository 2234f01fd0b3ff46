import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, type FirstRun } from '../../../api';
import type { SetupGateState } from './get-setup-status';
import { setupStatusKey } from './keys';

/** The one-time token `crema serve` printed, from the link it printed (`/setup?token=…`). */
export function tokenFromUrl(): string {
  return typeof window === 'undefined' ? '' : (new URLSearchParams(window.location.search).get('token') ?? '');
}

/** A browser on the counter PC sends the one-time setup token (the desktop app needs none). */
export const completeSetup = ({ firstRun, token }: { firstRun: FirstRun; token: string }) =>
  api.completeSetup(token.trim() ? { ...firstRun, setup_token: token.trim() } : firstRun);

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
