import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type OrderStatus } from '../../../api';
import { refetchOrders } from './keys';

export interface StatusMove {
  id: string;
  status: OrderStatus;
  /** Why (a cancellation needs one). */
  reason?: string;
}

export const setOrderStatus = ({ id, status, reason }: StatusMove) => api.setOrderStatus(id, { status, ...(reason ? { reason } : {}) });

/** Hands an order over or cancels it; the open orders refetch in the background. */
export function useSetOrderStatus() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: setOrderStatus, onSuccess: () => refetchOrders(qc) });
}

export const stepOrderBack = (id: string) => api.stepOrderBack(id);

/** Undoes a hand-over (completed → ready); the open orders refetch. */
export function useStepOrderBack() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: stepOrderBack, onSuccess: () => refetchOrders(qc) });
}
