import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type DeviceKind, type PairingCode } from '../../../api';
import { devicesKey } from './keys';

export const createPairingCode = ({ name, kind }: { name: string; kind: DeviceKind }) => api.createPairingCode(name, kind);

/** A one-time code a tablet enters to become a kiosk or a staff terminal; the device list refetches. */
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
