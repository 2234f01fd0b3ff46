import { useMutation } from '@tanstack/react-query';
import { api } from '../../../api';

export const printXReport = () => api.printXReport();

/** Queues the open shift's X report on the receipt printer. */
export function usePrintXReport() {
  return useMutation({ mutationFn: printXReport });
}
