import { useMutation } from '@tanstack/react-query';
import { api } from '../../../api';

export const exportOrdersCsv = ({ from, to }: { from: string; to: string }) => api.ordersCsv(from, to);

/** Every order of the range as CSV text. */
export function useExportOrdersCsv() {
  return useMutation({ mutationFn: exportOrdersCsv });
}
