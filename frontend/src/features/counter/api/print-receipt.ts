import { useMutation } from '@tanstack/react-query';
import { api } from '../../../api';

export const printReceipt = (orderId: string) => api.printReceipt(orderId);

/** Queues the order's receipt on the receipt printer. */
export function usePrintReceipt() {
  return useMutation({ mutationFn: printReceipt });
}
