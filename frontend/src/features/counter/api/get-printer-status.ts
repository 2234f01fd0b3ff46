import { useQuery } from '@tanstack/react-query';
import { printerStatusQueryOptions } from '../../../api/queries/get-printer-status';

/**
 * The receipt printer's state. Kept current by `printer.status` events (see
 * `usePrinterStatusEvents`); a server without a printer API simply has none.
 */
export function usePrinterStatus(live: boolean) {
  return useQuery({
    ...printerStatusQueryOptions(),
    refetchInterval: (q) => (q.state.status === 'error' ? false : live ? 120_000 : 15_000),
  });
}
