import { useMutation } from '@tanstack/react-query';
import { api } from '../../../api';

export const pairDevice = (code: string) => api.pairDevice(code);

/** Turns this tablet into a kiosk with an admin's 6-digit code. */
export function usePairDevice() {
  return useMutation({ mutationFn: pairDevice });
}
