import { useMutation } from '@tanstack/react-query';
import { api } from '../../../api';

export const printZReport = (date: string) => api.printZReport(date);

/** Queues the Z report of a business day on the receipt printer. */
export function usePrintZReport() {
  return useMutation({ mutationFn: printZReport });
}
