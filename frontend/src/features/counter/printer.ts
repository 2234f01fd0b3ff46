import { useQuery } from '@tanstack/react-query';
import { api, type PrinterStatus } from '../../api';

export const printerStatusKey = ['printer', 'status'] as const;

/**
 * The receipt printer's state. Kept current by `printer.status` events (the caller
 * puts them into the cache); a server without a printer API simply has none.
 */
export function usePrinterStatus(live: boolean) {
  return useQuery<PrinterStatus>({
    queryKey: printerStatusKey,
    queryFn: () => api.printerStatus(),
    retry: false,
    refetchInterval: (q) => (q.state.status === 'error' ? false : live ? 120_000 : 15_000),
  });
}
