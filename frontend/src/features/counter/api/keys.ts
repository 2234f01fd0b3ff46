import type { QueryClient } from '@tanstack/react-query';
import { ordersKey } from '../../../api/keys';

/** The counter's open orders (refetched on every order event). */
export const counterOrdersKey = [...ordersKey, 'counter'] as const;

/** After an order was placed, paid or moved: the open orders refetch in the background. */
export function refetchOrders(qc: QueryClient): void {
  void qc.invalidateQueries({ queryKey: counterOrdersKey });
}

/** The till's open shift (null while none is open). */
export const currentShiftKey = ['shift', 'current'] as const;
