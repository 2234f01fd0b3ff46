import { useMutation } from '@tanstack/react-query';
import { api } from '../../../api';

export const openDrawer = () => api.openDrawer();

/** Queues the drawer kick (409 `printer_not_configured` without a printer). */
export function useOpenDrawer({ onSuccess, onError }: { onSuccess?: () => void; onError?: (e: unknown) => void } = {}) {
  return useMutation({ mutationFn: openDrawer, onSuccess, onError });
}
