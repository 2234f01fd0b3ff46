import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import type { Session } from '../../../api/session';
import { hq } from './client';
import { hqKey } from './keys';

let lastReason: string | undefined;
let cached: { raw: string | null; s: Session<string> | null } = { raw: null, s: null };

function snapshot(): Session<string> | null {
  const s = hq.session.get();
  const raw = s ? JSON.stringify(s) : null;
  if (raw !== cached.raw) cached = { raw, s };
  return cached.s;
}

function subscribe(cb: () => void): () => void {
  const off = hq.session.subscribe((_s, reason) => {
    lastReason = reason;
    cb();
  });
  const onStorage = (e: StorageEvent) => {
    if (e.key === hq.session.storageKey) cb();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    off();
    window.removeEventListener('storage', onStorage);
  };
}

/** The owner's head-office sign-in (re-renders on sign-in, refresh, sign-out, and in other tabs). */
export function useHqSession(): Session<string> | null {
  return useSyncExternalStore(subscribe, snapshot, () => null);
}

/** Why the last head-office sign-in ended (`expired` when head office refused the refresh). */
export function lastHqSessionEnd(): string | undefined {
  return lastReason;
}

/** Signs the owner in at head office. */
export function useHqLogin() {
  return useMutation({ mutationFn: hq.login });
}

/** Signs out of head office and forgets what its screens had loaded. */
export function useHqLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: hq.logout,
    onSettled: () => qc.removeQueries({ queryKey: hqKey }),
  });
}
