import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api';
import { couponsKey } from './keys';

export const deleteCoupon = (code: string) => api.deleteCoupon(code);

export function useDeleteCoupon() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: deleteCoupon, onSettled: () => qc.invalidateQueries({ queryKey: couponsKey }) });
}
