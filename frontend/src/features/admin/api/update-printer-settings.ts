import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type PrinterSettings } from '../../../api';
import { printerStatusKey } from '../../../api/keys';
import { printerSettingsKey } from './keys';

export const updatePrinterSettings = (s: PrinterSettings) => api.updatePrinterSettings(s);

export function useUpdatePrinterSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: updatePrinterSettings,
    onSuccess: (s) => {
      qc.setQueryData(printerSettingsKey, s);
      void qc.invalidateQueries({ queryKey: printerStatusKey });
    },
  });
}
