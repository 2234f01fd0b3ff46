import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type PlaceOrder } from '../../../api';
import { refetchOrders } from './keys';

export const placeOrder = (body: PlaceOrder) => api.placeOrder(body);

/** Places the order; the open orders refetch in the background. */
export function usePlaceOrder() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: placeOrder, onSuccess: () => refetchOrders(qc) });
}
