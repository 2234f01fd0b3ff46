import type { KeyValueStore } from '../../api/session';
import type { ShopSettings } from '../../api';
import { MAX_RETURN_SECONDS, MIN_RETURN_SECONDS } from '../../ordering/order-defaults';

/**
 * How long "your number is N" stays on a kiosk without a touch before it returns to the
 * menu for the next customer. A kiosk-side setting (set on the pairing screen, kept in
 * the tablet's storage); the shop setting `kiosk_return_seconds` wins where the admin set
 * one (Admin → Settings).
 */
export const RETURN_KEY = 'crema.kiosk.returnSeconds';
export const DEFAULT_RETURN_SECONDS = 30;
export { MAX_RETURN_SECONDS, MIN_RETURN_SECONDS };

/** A whole number of seconds within bounds, or null for anything else. */
export function parseReturnSeconds(v: unknown): number | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
  return Number.isInteger(n) && n >= MIN_RETURN_SECONDS && n <= MAX_RETURN_SECONDS ? n : null;
}

export function returnSeconds(store: KeyValueStore, settings?: ShopSettings): number {
  const shop = parseReturnSeconds(settings?.kiosk_return_seconds);
  return shop ?? parseReturnSeconds(store.getItem(RETURN_KEY)) ?? DEFAULT_RETURN_SECONDS;
}

export function saveReturnSeconds(store: KeyValueStore, seconds: number): void {
  store.setItem(RETURN_KEY, String(seconds));
}
