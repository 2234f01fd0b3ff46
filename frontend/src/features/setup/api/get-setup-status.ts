import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, type SetupStatus } from '../../../api';
import { setupStatusKey } from './keys';

/**
 * What the app shell keeps under `setupStatusKey`: the server's answer, or (set by
 * `useCompleteSetup`) `{ needed: false, completedHere: true }` once this browser finished the
 * setup, after which the shell leads to the sign-in page (one navigation, so no route sees a
 * half-updated state).
 */
export type SetupGateState = SetupStatus & { completedHere?: boolean };

export const getSetupStatus = (): Promise<SetupGateState> => api.setupStatus();

export const setupStatusQueryOptions = () =>
  queryOptions({ queryKey: setupStatusKey, queryFn: getSetupStatus, retry: false, staleTime: Infinity, refetchOnWindowFocus: false });

/** Asked once at start; a server without the setup endpoint (or one that cannot be reached) counts as set up. */
export function useSetupStatus() {
  return useQuery(setupStatusQueryOptions());
}
