import type { KeyValueStore } from '../../api/session';
import type { ShopSettings } from '../../api';

/**
 * How long "your number is N" stays on a kiosk without a touch before it returns to the
 * menu for the next customer. A kiosk-side setting (set on the pairing screen, kept in
 * the tablet's storage); a shop setting `kiosk_return_seconds` wins once the server has
 * one (a proposed field, not in today's API).
 */
export const RETURN_KEY = 'crema.kiosk.returnSeconds';
export const DEFAULT_RETURN_SECONDS = 30;
export const MIN_RETURN_SECONDS = 5;
export const MAX_RETURN_SECONDS = 600;

/** A whole number of seconds within bounds, or null for anything else. */
export function parseReturnSeconds(v: unknown): number | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
  return Number.isInteger(n) && n >= MIN_RETURN_SECONDS && n <= MAX_RETURN_SECONDS ? n : null;
}

export function returnSeconds(store: KeyValueStore, settings?: ShopSettings): number {
  const shop = parseReturnSeconds((settings as (ShopSettings & { kiosk_return_seconds?: unknown }) | undefined)?.kiosk_return_seconds);
  return shop ?? parseReturnSeconds(store.getItem(RETURN_KEY)) ?? DEFAULT_RETURN_SECONDS;
}

export function saveReturnSeconds(store: KeyValueStore, seconds: number): void {
  store.setItem(RETURN_KEY, String(seconds));
}
