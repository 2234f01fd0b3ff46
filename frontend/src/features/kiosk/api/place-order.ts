import { useMutation } from '@tanstack/react-query';
import { api, type PlaceOrder } from '../../../api';

/** `key` is the idempotency key: sending the same order again answers the same order. */
export const placeOrder = ({ body, key }: { body: PlaceOrder; key: string }) => api.placeOrder(body, key);

export function usePlaceOrder() {
  return useMutation({ mutationFn: placeOrder });
}
