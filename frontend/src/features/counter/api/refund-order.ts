import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type RefundRequest } from '../../../api';
import { refetchOrders } from './keys';

export const refundOrder = ({ id, refund, idempotencyKey }: { id: string; refund: RefundRequest; idempotencyKey?: string }) =>
  api.refundOrder(id, refund, idempotencyKey);

/** Gives money back (and, with `cancel`, cancels the order); the open orders refetch in the background. */
export function useRefundOrder() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: refundOrder, onSuccess: () => refetchOrders(qc) });
}
