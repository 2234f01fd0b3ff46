import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api';
import { auditKey, devicesKey } from './keys';

export const revokeDevice = (id: string) => api.revokeDevice(id);

/** Signs a paired tablet out for good; the device list and the audit log refetch. */
export function useRevokeDevice({ onError, onSuccess }: { onError?: (e: unknown) => void; onSuccess?: () => void } = {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: revokeDevice,
    onSuccess: () => {
      onSuccess?.();
      void qc.invalidateQueries({ queryKey: devicesKey });
      void qc.invalidateQueries({ queryKey: auditKey });
    },
    onError,
  });
}
