import { ApiError, errorFromResponse } from './errors';
import type { TokenPair } from './types';

/** A random v4 UUID, also outside secure contexts (plain http on the shop LAN). */
export function newIdempotencyKey(): string {
  const c = globalThis.crypto;
  if (typeof c.randomUUID === 'function') {
    try {
      return c.randomUUID();
    } catch {
      // not a secure context
    }
  }
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

type RawFetch = (path: string, init: RequestInit) => Promise<Response>;

/**
 * Spends `refreshToken` for a new pair. The request carries an `Idempotency-Key`; when
 * its answer is lost (a network error), it is sent once more with the same key, which the
 * server answers with the same new pair (within 30 s) instead of `token_reused`, so a
 * year-long kiosk sign-in does not end on a dropped packet.
 */
export async function rotateTokens<T = TokenPair>(rawFetch: RawFetch, refreshToken: string): Promise<T> {
  const init: RequestInit = {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': newIdempotencyKey() },
    body: JSON.stringify({ refresh_token: refreshToken }),
  };
  let res: Response;
  try {
    res = await rawFetch('/api/auth/refresh', init);
  } catch (e) {
    if (!(e instanceof ApiError) || !e.isNetwork) throw e;
    res = await rawFetch('/api/auth/refresh', init);
  }
  if (!res.ok) throw await errorFromResponse(res);
  return (await res.json()) as T;
}
