import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/errors';
import type { StreamStatus } from '../../api/transport';
import type { CremaEvent, Order } from '../../api/types';
import { applyMenuEvent } from '../../api/queries/get-menu';
import { applyPublicFeedbackEvent } from '../kiosk/api/public-feedback';
import type { GuestApi } from './guest-api';

export const guestOrderKey = (code: string, id: string) => ['guest', code, 'order', id] as const;

/** A guest's order event: the order itself (created, updated) or its refined ready time. */
export function applyGuestOrderEvent(qc: QueryClient, code: string, e: CremaEvent): void {
  if (e.type === 'order.created' || e.type === 'order.updated') qc.setQueryData(guestOrderKey(code, e.order.id), e.order);
  if (e.type === 'order.eta')
    qc.setQueryData<Order>(guestOrderKey(code, e.eta.id), (o) => (o ? { ...o, estimated_ready_at: e.eta.estimated_ready_at } : o));
  if (e.type === 'resync') void qc.invalidateQueries({ queryKey: ['guest', code] });
}

/** Follows the guest's live events once their session is open: their orders, the menu, reviews. */
export function useGuestLive(guest: GuestApi, enabled: boolean): StreamStatus | undefined {
  const qc = useQueryClient();
  const [status, setStatus] = useState<StreamStatus>();
  useEffect(() => {
    if (!enabled) return;
    return guest.subscribe((e) => {
      applyMenuEvent(qc, e);
      applyPublicFeedbackEvent(qc, e);
      applyGuestOrderEvent(qc, guest.code, e);
    }, setStatus);
  }, [guest, enabled, qc]);
  return status;
}

/** One of the guest's orders until it is collected or cancelled: polled fast without live events. */
export function useGuestOrder(guest: GuestApi, id: string, live: boolean) {
  return useQuery({
    queryKey: guestOrderKey(guest.code, id),
    queryFn: () => guest.order(id),
    // Another session's order (a new session after this one ran out) or one gone: not retried.
    retry: (n, err) => n < 2 && !(err instanceof ApiError && (err.status === 403 || err.status === 404)),
    refetchInterval: (query) => {
      const s = query.state.data?.status;
      if (s === 'completed' || s === 'cancelled') return false;
      return live ? 30_000 : 3000;
    },
  });
}
