import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { api } from './index';
import type { Session } from './session';
import type { StreamStatus } from './transport';
import type { CremaEvent } from './types';

let lastReason: string | undefined;
let cached: { raw: string | null; s: Session | null } = { raw: null, s: null };

function snapshot(): Session | null {
  const s = api.session.get();
  const raw = s ? JSON.stringify(s) : null;
  if (raw !== cached.raw) cached = { raw, s };
  return cached.s;
}

function subscribe(cb: () => void): () => void {
  const off = api.session.subscribe((_s, reason) => {
    lastReason = reason;
    cb();
  });
  const onStorage = (e: StorageEvent) => {
    if (e.key === 'crema.session') cb();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    off();
    window.removeEventListener('storage', onStorage);
  };
}

/** The current sign-in (re-renders on sign-in, refresh, sign-out, and in other tabs). */
export function useSession(): Session | null {
  return useSyncExternalStore(subscribe, snapshot, () => null);
}

/** Why the last session ended ('expired' when the server refused the refresh). */
export function lastSessionEndReason(): string | undefined {
  return lastReason;
}

/** Follows live events while signed in; returns the stream's status for an offline badge. */
export function useLiveEvents(onEvent: (e: CremaEvent) => void, enabled = true): StreamStatus | undefined {
  const session = useSession();
  const signedIn = session !== null;
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const [status, setStatus] = useState<StreamStatus>();
  useEffect(() => {
    if (!enabled || !signedIn) return;
    return api.subscribeEvents({ onEvent: (e) => handler.current(e), onStatus: setStatus });
  }, [enabled, signedIn]);
  return status;
}

/** Applies a live event to the cached queries it concerns (see the `apply…Event` functions next to the queries). */
export type CacheEventHandler = (qc: QueryClient, e: CremaEvent) => void;

/** `useLiveEvents` for screens that only keep cached queries current: every event goes to each handler. */
export function useLiveCache(...handlers: CacheEventHandler[]): StreamStatus | undefined {
  const qc = useQueryClient();
  return useLiveEvents((e) => {
    for (const h of handlers) h(qc, e);
  });
}
