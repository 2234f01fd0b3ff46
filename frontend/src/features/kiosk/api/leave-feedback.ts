import { useMutation } from '@tanstack/react-query';
import { api, type LeaveFeedback } from '../../../api';

export type LeaveFeedbackFn = (a: { orderId: string; body: LeaveFeedback }) => Promise<unknown>;

export const leaveFeedback: LeaveFeedbackFn = ({ orderId, body }) => api.leaveFeedback(orderId, body);

export function useLeaveFeedback(fn: LeaveFeedbackFn = leaveFeedback) {
  return useMutation({ mutationFn: fn });
}
