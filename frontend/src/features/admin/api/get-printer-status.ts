import { useQuery } from '@tanstack/react-query';
import { printerStatusQueryOptions } from '../../../api/queries/get-printer-status';

/** Online, pending jobs, last error; the admin page keeps it current from `printer.status`. */
export function usePrinterStatus() {
  return useQuery({ ...printerStatusQueryOptions(), refetchInterval: 30_000 });
}
