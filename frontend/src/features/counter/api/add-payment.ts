import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type PaymentRequest } from '../../../api';
import { refetchOrders } from './keys';

export const addPayment = ({ id, payment }: { id: string; payment: PaymentRequest }) => api.addPayment(id, payment);

/** Takes a payment and answers the order as it is now; the open orders refetch in the background. */
export function useAddPayment() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: addPayment, onSuccess: () => refetchOrders(qc) });
}
