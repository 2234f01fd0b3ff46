import { queryOptions } from '@tanstack/react-query';
import type { CacheEventHandler } from '../hooks';
import { api } from '../index';
import { printerStatusKey } from '../keys';

export const getPrinterStatus = () => api.printerStatus();

/** A server without a printer API simply has none: no retries. Each screen sets its own refetch. */
export const printerStatusQueryOptions = () => queryOptions({ queryKey: printerStatusKey, queryFn: getPrinterStatus, retry: false });

/** Puts `printer.status` into the cache; refetches it after a `resync`. */
export const applyPrinterStatusEvent: CacheEventHandler = (qc, e) => {
  if (e.type === 'printer.status') qc.setQueryData(printerStatusKey, e.status);
  if (e.type === 'resync') void qc.invalidateQueries({ queryKey: printerStatusKey });
};
