import type { KeyValueStore } from '../../api/session';
import type { PlaceOrder } from '../../api';

/** An order sent (or about to be sent) whose answer has not arrived yet. */
export interface PendingOrder {
  key: string;
  body: PlaceOrder;
  at: number;
}

const KEY = 'crema.kiosk.pending';

export function loadPending(store: KeyValueStore, key = KEY): PendingOrder | null {
  try {
    const raw = store.getItem(key);
    if (!raw) return null;
    const p = JSON.parse(raw) as PendingOrder;
    return typeof p.key === 'string' && p.body ? p : null;
  } catch {
    return null;
  }
}

/** Saved before the first send, so a reload re-sends with the same Idempotency-Key. */
export function savePending(store: KeyValueStore, p: PendingOrder, key = KEY): void {
  store.setItem(key, JSON.stringify(p));
}

export function clearPending(store: KeyValueStore, key = KEY): void {
  store.removeItem(key);
}

/** Whether a failed send may have reached the server, so the same key must be retried. */
export function shouldKeepPending(status: number): boolean {
  return status === 0 || status === 408 || status === 429 || status >= 500;
}
