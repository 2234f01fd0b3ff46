import { useMutation } from '@tanstack/react-query';
import { api, type LeaveFeedback } from '../../../api';

export const leaveFeedback = ({ orderId, body }: { orderId: string; body: LeaveFeedback }) => api.leaveFeedback(orderId, body);

export function useLeaveFeedback() {
  return useMutation({ mutationFn: leaveFeedback });
}
