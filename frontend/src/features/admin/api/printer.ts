import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type PrinterSettings } from '../../../api';
import { printerSettingsKey, printerStatusKey } from './keys';

/** The receipt printer's settings (admin). */
export function usePrinterSettings() {
  return useQuery({ queryKey: printerSettingsKey, queryFn: () => api.getPrinterSettings(), retry: false });
}

export function useUpdatePrinterSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (s: PrinterSettings) => api.updatePrinterSettings(s),
    onSuccess: (s) => {
      qc.setQueryData(printerSettingsKey, s);
      void qc.invalidateQueries({ queryKey: printerStatusKey });
    },
  });
}

/** Online, pending jobs, last error; the admin page keeps it current from `printer.status`. */
export function usePrinterStatus() {
  return useQuery({ queryKey: printerStatusKey, queryFn: () => api.printerStatus(), retry: false, refetchInterval: 30_000 });
}
