import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api';
import { devicesKey } from './keys';

export const revokeDevice = (id: string) => api.revokeDevice(id);

/** Signs a paired tablet out for good; the device list refetches. */
export function useRevokeDevice({ onError }: { onError?: (e: unknown) => void } = {}) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: revokeDevice, onSuccess: () => void qc.invalidateQueries({ queryKey: devicesKey }), onError });
}
