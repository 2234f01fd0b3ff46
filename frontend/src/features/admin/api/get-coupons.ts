import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../api';
import { couponsKey } from './keys';

export const getCoupons = () => api.listCoupons();

export const couponsQueryOptions = () => queryOptions({ queryKey: couponsKey, queryFn: getCoupons });

export function useCoupons() {
  return useQuery(couponsQueryOptions());
}
