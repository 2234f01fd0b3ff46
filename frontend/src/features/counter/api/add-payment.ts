import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type PaymentRequest } from '../../../api';
import { refetchOrders } from './keys';

export const addPayment = ({ id, payment, idempotencyKey }: { id: string; payment: PaymentRequest; idempotencyKey?: string }) =>
  api.addPayment(id, payment, idempotencyKey);

/** Takes a payment and answers the order as it is now; the open orders refetch in the background. */
export function useAddPayment() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: addPayment, onSuccess: () => refetchOrders(qc) });
}
