import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api';
import { refetchOrders } from './keys';

export const acceptOrder = (id: string) => api.acceptOrder(id);

/** Accepts a guest's order waiting for staff (the kitchen sees it from now on); the open orders refetch. */
export function useAcceptOrder() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: acceptOrder, onSettled: () => refetchOrders(qc) });
}
