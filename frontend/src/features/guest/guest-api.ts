import { ApiError } from '../../api/errors';
import { createHttpCore } from '../../api/http-core';
import { SessionStore, type KeyValueStore } from '../../api/session';
import { toEvent } from '../../api/sse';
import type { StreamStatus } from '../../api/transport';
import type { CremaEvent, GuestSession, GuestTable, LeaveFeedback, Order, PlaceOrder, Quote } from '../../api/types';

/**
 * A guest at a table, on their own phone: the table's code (from its QR code) opens a
 * short-lived session for that table, kept on the phone so a reload keeps the guest's
 * orders. The guest token is never refreshed: once it runs out (or the table's code is
 * replaced) a new session is opened from the code. Apart from the staff's sign-in.
 */
export interface GuestApi {
  readonly code: string;
  /** The table, opening a session first when this phone has none (or it ran out). */
  table(): Promise<GuestTable>;
  quote(body: PlaceOrder): Promise<Quote>;
  /** `key` is the idempotency key: the same order sent again answers the same order. */
  place(body: PlaceOrder, key: string): Promise<Order>;
  order(id: string): Promise<Order>;
  leaveFeedback(orderId: string, body: LeaveFeedback): Promise<unknown>;
  /** The guest's live events (their orders, the menu); reconnects by itself. */
  subscribe(onEvent: (e: CremaEvent) => void, onStatus: (s: StreamStatus) => void): () => void;
  /** The orders placed from this phone at this table, newest first. */
  orderIds(): string[];
  forget(id: string): void;
}

const prefix = (code: string) => `crema.guest.${code}`;

export function createGuestApi(rawCode: string, storage: KeyValueStore = localStorage, fetchFn?: typeof fetch): GuestApi {
  const code = rawCode.trim().toUpperCase();
  const key = prefix(code);
  const session = new SessionStore<'guest'>(storage, Date.now, key);
  const core = createHttpCore<'guest'>({ session, lockName: `${key}.lock`, fetch: fetchFn });
  const enc = encodeURIComponent;

  let opening: Promise<GuestTable> | null = null;
  function open(): Promise<GuestTable> {
    opening ??= core
      .request<GuestSession>('POST', `/api/tables/${enc(code)}/session`, { auth: false })
      .then((s) => {
        session.setFromTokens({ access_token: s.access_token, refresh_token: '', expires_in: s.expires_in, role: 'guest', name: s.table.name });
        storage.setItem(`${key}.table`, JSON.stringify(s.table));
        return s.table;
      })
      .finally(() => {
        opening = null;
      });
    return opening;
  }

  function stored(): GuestTable | null {
    const s = session.get();
    if (!s || session.isStale(s)) return null;
    try {
      return JSON.parse(storage.getItem(`${key}.table`) ?? 'null') as GuestTable | null;
    } catch {
      return null;
    }
  }

  const table = async () => stored() ?? (await open());

  /** `call` with a live session; once more with a new one when the server has ended it. */
  async function live<T>(call: () => Promise<T>): Promise<T> {
    await table();
    try {
      return await call();
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 401) throw e;
      session.clear('expired');
      await open();
      return call();
    }
  }

  const ids = (): string[] => {
    try {
      const v = JSON.parse(storage.getItem(`${key}.orders`) ?? '[]') as unknown;
      return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
    } catch {
      return [];
    }
  };
  const saveIds = (v: string[]) => storage.setItem(`${key}.orders`, JSON.stringify(v.slice(0, 20)));

  return {
    code,
    table,
    quote: (body) => live(() => core.request<Quote>('POST', '/api/orders/quote', { body })),
    place: (body, idem) =>
      live(() => core.request<Order>('POST', '/api/orders', { body, headers: { 'Idempotency-Key': idem } })).then((o) => {
        saveIds([o.id, ...ids().filter((x) => x !== o.id)]);
        return o;
      }),
    order: (id) => live(() => core.request<Order>('GET', `/api/orders/${enc(id)}`)),
    leaveFeedback: (orderId, body) => live(() => core.request('POST', `/api/orders/${enc(orderId)}/feedback`, { body })),
    subscribe: (onEvent, onStatus) => {
      let stop: (() => void) | null = null;
      let stopped = false;
      void table().then(() => {
        if (stopped) return;
        stop = core.stream('/api/events', {
          onEvent: (raw) => {
            const ev = toEvent(raw.event, raw.data);
            if (ev) onEvent(ev);
          },
          onReconnect: () => onEvent({ type: 'resync' }),
          onStatus,
        });
      }, () => onStatus('offline'));
      return () => {
        stopped = true;
        stop?.();
      };
    },
    orderIds: ids,
    forget: (id) => saveIds(ids().filter((x) => x !== id)),
  };
}
