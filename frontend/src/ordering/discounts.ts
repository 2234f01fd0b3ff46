import type { Discount, Money } from '../api';

/**
 * An order's or a quote's discounts one by one: the coupon's and the manual one. A server
 * from before the list gives only their sum, shown as the coupon's.
 */
export function discountsOf(x: { discounts?: Discount[]; discount: Money; coupon_code?: string | null }): Discount[] {
  if (x.discounts?.length) return x.discounts;
  return x.discount.amount > 0 ? [{ kind: 'coupon', code: x.coupon_code ?? null, amount: x.discount }] : [];
}
