import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type OrderStatus } from '../../../api';
import { upsertOpenOrder } from './get-open-orders';
import { openOrdersKey } from './keys';

export const setOrderStatus = ({ id, status }: { id: string; status: OrderStatus }) => api.setOrderStatus(id, { status });

/** Moves a ticket on; the board takes the answer, or refetches when the move was refused. */
export function useSetOrderStatus() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: setOrderStatus,
    onSuccess: (o) => upsertOpenOrder(qc, o),
    onError: () => void qc.invalidateQueries({ queryKey: openOrdersKey }),
  });
}

export const stepOrderBack = (id: string) => api.stepOrderBack(id);

/** Moves a ticket back one stage (moved on too early); the board takes the answer. */
export function useStepOrderBack() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: stepOrderBack,
    onSuccess: (o) => upsertOpenOrder(qc, o),
    onError: () => void qc.invalidateQueries({ queryKey: openOrdersKey }),
  });
}

export const bumpOrderLine = ({ id, lineNo, done }: { id: string; lineNo: number; done: boolean }) => api.bumpOrderLine(id, lineNo, done);

/** Marks a line made at its station (or to make again); the board takes the answer. */
export function useBumpOrderLine() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: bumpOrderLine,
    onSuccess: (o) => upsertOpenOrder(qc, o),
    onError: () => void qc.invalidateQueries({ queryKey: openOrdersKey }),
  });
}
