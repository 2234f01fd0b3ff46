import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type Money } from '../../../api';
import { currentShiftKey } from './keys';

export const openShift = (float: Money) => api.openShift({ opening_float: float });

/** Opens a shift with the float counted into the drawer; the answer is the open shift. */
export function useOpenShift() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: openShift, onSuccess: (s) => qc.setQueryData(currentShiftKey, s) });
}
