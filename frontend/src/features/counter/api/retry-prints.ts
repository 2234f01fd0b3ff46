import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api';
import { printerStatusKey } from '../../../api/keys';

export const retryPrints = () => api.retryPrints();

/** Tries the waiting receipts again now; the answer is the printer's new state. */
export function useRetryPrints({ onError }: { onError?: (e: unknown) => void } = {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: retryPrints,
    onSuccess: (s) => {
      if (s) qc.setQueryData(printerStatusKey, s);
    },
    onError,
  });
}
