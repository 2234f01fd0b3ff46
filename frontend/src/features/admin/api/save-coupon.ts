import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type NewCoupon } from '../../../api';
import { couponsKey } from './keys';

/** Creates the coupon, or (when `existing`) replaces its terms. */
export function saveCoupon({ coupon, existing }: { coupon: NewCoupon; existing: boolean }) {
  if (!existing) return api.createCoupon(coupon);
  const { code, ...terms } = coupon;
  return api.updateCoupon(code, { ...terms, active: terms.active ?? true });
}

export function useSaveCoupon() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: saveCoupon, onSettled: () => qc.invalidateQueries({ queryKey: couponsKey }) });
}
