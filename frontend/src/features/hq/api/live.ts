import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useState } from 'react';
import type { StreamStatus } from '../../../api';
import { hq } from './client';
import { hqKey, menuKey, reportsKey, shopsKey } from './keys';

/** What an event of head office's stream makes stale. */
export function applyHqEvent(qc: QueryClient, name: string): void {
  switch (name) {
    case 'shop.synced':
      void qc.invalidateQueries({ queryKey: reportsKey });
      void qc.invalidateQueries({ queryKey: shopsKey });
      break;
    case 'menu.published':
    case 'menu.applied':
      void qc.invalidateQueries({ queryKey: menuKey });
      void qc.invalidateQueries({ queryKey: shopsKey });
      break;
    default:
      break;
  }
}

/**
 * Follows head office's live events while signed in and refreshes what they concern; after
 * a reconnect everything is fetched again. A head office without the stream (404) says
 * `unavailable`, and the screens poll instead.
 */
export function useHqLive(signedIn: boolean): StreamStatus | undefined {
  const qc = useQueryClient();
  const [status, setStatus] = useState<StreamStatus>();
  useEffect(() => {
    if (!signedIn) return;
    return hq.subscribe({
      onEvent: (e) => applyHqEvent(qc, e.event),
      onReconnect: () => void qc.invalidateQueries({ queryKey: hqKey }),
      onStatus: setStatus,
    });
  }, [qc, signedIn]);
  return status;
}

export const LiveStatus = createContext<StreamStatus | undefined>(undefined);

/** The live stream's state, for the top bar. */
export function useLiveStatus(): StreamStatus | undefined {
  return useContext(LiveStatus);
}

/** Poll every 30 s unless the live stream keeps the screens current. */
export function usePollMs(): number | false {
  return useLiveStatus() === 'online' ? false : 30_000;
}
