import type { Discount, ManualDiscountRequest } from '../../api';
import { parsePercentBps } from '../../ui/decimal';

/** What the cashier typed in the discount dialog. */
export interface DiscountDraft {
  by: 'percent' | 'amount';
  /** Percent as text ("10", "12,5"), or the money pad's digits (minor units as typed). */
  value: string;
  reason: string;
}

export type DiscountProblem = 'value' | 'reason';

/**
 * The request's manual discount from the dialog's draft, or what is wrong with it: a
 * percentage of 0.01 to 100 (two decimals at most), a positive amount, a reason of 1 to 200
 * characters. `amountMinor` is the money pad's value in minor units.
 */
export function draftToDiscount(
  d: DiscountDraft,
  amountMinor: number,
  currency: string,
  locale: string,
): { ok: true; discount: ManualDiscountRequest } | { ok: false; problems: DiscountProblem[] } {
  const problems: DiscountProblem[] = [];
  const reason = d.reason.trim();
  if (reason === '' || [...reason].length > 200) problems.push('reason');
  let size: Pick<ManualDiscountRequest, 'basis_points' | 'amount'> | null = null;
  if (d.by === 'percent') {
    const r = parsePercentBps(d.value, locale);
    if (r.ok && r.value >= 1) size = { basis_points: r.value };
  } else if (Number.isSafeInteger(amountMinor) && amountMinor > 0) {
    size = { amount: { amount: amountMinor, currency } };
  }
  if (!size) problems.push('value');
  return problems.length || !size ? { ok: false, problems } : { ok: true, discount: { ...size, reason } };
}

/** The discount without the admin's password: what the live quote is asked with. */
export function withoutApproval(d: ManualDiscountRequest): ManualDiscountRequest {
  return { ...d, approval: null };
}

/** The manual discount among an order's or a quote's discounts. */
export function manualOf(discounts: Discount[] | undefined): Discount | undefined {
  return discounts?.find((d) => d.kind === 'manual');
}

/** The percentages offered with one tap. */
export const PERCENT_SHORTCUTS = [5, 10, 15, 20, 50, 100] as const;
