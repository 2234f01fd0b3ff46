import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type Money } from '../../../api';
import { currentShiftKey } from './keys';

export const closeShift = (counted: Money) => api.closeShift({ counted_cash: counted });

/** Closes the open shift with the cash counted; the answer (expected, counted, difference) is the closed shift. */
export function useCloseShift() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: closeShift, onSuccess: () => qc.setQueryData(currentShiftKey, null) });
}
