import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../api';
import { printerSettingsKey } from './keys';

export const getPrinterSettings = () => api.getPrinterSettings();

export const printerSettingsQueryOptions = () => queryOptions({ queryKey: printerSettingsKey, queryFn: getPrinterSettings, retry: false });

/** The receipt printer's settings (admin). */
export function usePrinterSettings() {
  return useQuery(printerSettingsQueryOptions());
}
