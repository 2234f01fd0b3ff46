import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type PairingCode } from '../../../api';
import { devicesKey } from './keys';

export const createPairingCode = (name: string) => api.createPairingCode(name);

/** A one-time code a tablet enters to become a kiosk; the device list refetches. */
export function useCreatePairingCode({ onSuccess, onError }: { onSuccess?: (c: PairingCode) => void; onError?: (e: unknown) => void } = {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: createPairingCode,
    onSuccess: (c) => {
      onSuccess?.(c);
      void qc.invalidateQueries({ queryKey: devicesKey });
    },
    onError,
  });
}
