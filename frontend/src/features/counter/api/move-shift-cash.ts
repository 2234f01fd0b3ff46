import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type CashMovement } from '../../../api';
import { currentShiftKey } from './keys';

export const moveShiftCash = (movement: CashMovement) => api.moveShiftCash(movement);

/** Puts cash into the drawer or takes it out; the answer is the shift with its new expected cash. */
export function useMoveShiftCash() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: moveShiftCash, onSuccess: (s) => qc.setQueryData(currentShiftKey, s) });
}
