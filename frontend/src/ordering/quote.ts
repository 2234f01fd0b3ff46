import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, ApiError, type PlaceOrder, type Quote } from '../api';

/** How long the cart must rest before it is priced again (typing a coupon, tapping items). */
export const QUOTE_DELAY_MS = 250;

/** `value`, once it has not changed for `ms`. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

const SIGNED_IN = { scope: 'signed-in', quote: (body: PlaceOrder) => api.quoteOrder(body) };

/**
 * The server's prices for the cart as it is now (subtotal, each discount, tax, total), asked
 * again as lines or the coupon change; the last answer stays shown while the next is on its
 * way. `null` (an empty cart) asks nothing.
 */
export function useQuote(
  body: PlaceOrder | null,
  /** Who asks (a guest at a table asks with their own session); the staff's or kiosk's sign-in by default. */
  asker: { scope: string; quote: (body: PlaceOrder) => Promise<Quote> } = SIGNED_IN,
): { quote?: Quote; error?: ApiError } {
  const key = body ? JSON.stringify(body) : null;
  const settled = useSettled(key, QUOTE_DELAY_MS);
  const q = useQuery<Quote, ApiError>({
    queryKey: ['quote', asker.scope, settled],
    queryFn: () => asker.quote(JSON.parse(settled!) as PlaceOrder),
    enabled: settled !== null && settled === key,
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 10_000,
  });
  // Only an answer for the cart as it is now counts (not the last one while the next is asked).
  const current = settled !== null && settled === key && !q.isPlaceholderData;
  return { quote: current && q.isSuccess ? q.data : undefined, error: current && q.error instanceof ApiError ? q.error : undefined };
}
