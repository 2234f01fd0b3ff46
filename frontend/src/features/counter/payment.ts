import type { Order } from '../../api';

/** What is still to pay on an order, in minor units. */
export function amountDue(o: Order): number {
  const paid = o.payments.reduce((s, p) => s + p.amount.amount, 0);
  return Math.max(0, o.total.amount - paid);
}

/** Exact amount, then the next round notes above it (in minor units). */
export function quickTenders(due: number): number[] {
  const out = [due];
  for (const step of [500, 1000, 2000, 5000]) {
    const up = Math.ceil(due / step) * step;
    if (up > due && !out.includes(up)) out.push(up);
  }
  return out.slice(0, 4);
}
