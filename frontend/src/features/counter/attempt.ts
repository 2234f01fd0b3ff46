import { useMemo, useRef } from 'react';
import { newIdempotencyKey } from '../../api';

/**
 * One Idempotency-Key per attempt at a payment or refund: sending the same body
 * again (a retry after a lost answer or an error) reuses the key, so the server
 * records it once; another body gets a new key.
 */
export function useAttemptKey() {
  const attempt = useRef<{ body: string; key: string } | null>(null);
  return useMemo(
    () => ({
      keyFor(body: unknown): string {
        const s = JSON.stringify(body);
        if (attempt.current?.body !== s) attempt.current = { body: s, key: newIdempotencyKey() };
        return attempt.current.key;
      },
      /** The attempt went through: the next one is new. */
      done() {
        attempt.current = null;
      },
    }),
    [],
  );
}
