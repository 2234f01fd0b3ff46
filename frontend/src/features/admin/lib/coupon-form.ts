import type { CouponKind, CouponView, NewCoupon } from '../../../api';
import { formatBps, formatDecimal, parseDecimal, parsePercentBps, type DecimalError } from '../../../ui/decimal';

export interface CouponForm {
  code: string;
  kind: CouponKind;
  /** "10" (%) for percent, "2.50" for a fixed amount */
  value: string;
  minSubtotal: string;
  /** `datetime-local` values (local time), "" for none */
  validFrom: string;
  validUntil: string;
  usageLimit: string;
  active: boolean;
  /** Who may use it: each needs a known customer on the order. */
  oncePerCustomer: boolean;
  firstOrderOnly: boolean;
  regularsOnly: boolean;
}

export type CouponField = 'code' | 'value' | 'minSubtotal' | 'validUntil' | 'usageLimit';
export type CouponProblems = Partial<Record<CouponField, DecimalError | 'code' | 'order' | 'zero'>>;

export const emptyCoupon = (): CouponForm => ({
  code: '',
  kind: 'percent',
  value: '',
  minSubtotal: '',
  validFrom: '',
  validUntil: '',
  usageLimit: '',
  active: true,
  oncePerCustomer: false,
  firstOrderOnly: false,
  regularsOnly: false,
});

/** An ISO instant as a `datetime-local` value in the browser's time zone. */
export function isoToLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

function localInputToIso(v: string): string | null {
  if (!v) return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

export function couponToForm(c: CouponView, digits: number, locale: string): CouponForm {
  return {
    code: c.code,
    kind: c.kind,
    value: c.kind === 'percent' ? formatBps(c.value, locale) : formatDecimal(c.value, digits, locale),
    minSubtotal: c.min_subtotal ? formatDecimal(c.min_subtotal.amount, digits, locale) : '',
    validFrom: isoToLocalInput(c.valid_from),
    validUntil: isoToLocalInput(c.valid_until),
    usageLimit: c.usage_limit == null ? '' : String(c.usage_limit),
    active: c.active ?? true,
    oncePerCustomer: c.once_per_customer ?? false,
    firstOrderOnly: c.first_order_only ?? false,
    regularsOnly: c.regulars_only ?? false,
  };
}

/** Checks the form; percent "10" becomes 1000 basis points, amounts become minor units. */
export function formToCoupon(
  f: CouponForm,
  currency: string,
  digits: number,
  locale: string,
): { ok: true; coupon: NewCoupon } | { ok: false; problems: CouponProblems } {
  const problems: CouponProblems = {};
  const code = f.code.trim().toUpperCase();
  if (!/^[A-Z0-9_-]{3,32}$/.test(code)) problems.code = 'code';
  const v = f.kind === 'percent' ? parsePercentBps(f.value, locale) : parseDecimal(f.value, { digits, locale });
  if (!v.ok) problems.value = v.error;
  else if (v.value === 0) problems.value = 'zero';
  let minSubtotal: NewCoupon['min_subtotal'] = null;
  if (f.minSubtotal.trim()) {
    const m = parseDecimal(f.minSubtotal, { digits, locale });
    if (m.ok) minSubtotal = { amount: m.value, currency };
    else problems.minSubtotal = m.error;
  }
  const from = localInputToIso(f.validFrom);
  const until = localInputToIso(f.validUntil);
  if (from && until && until <= from) problems.validUntil = 'order';
  let usageLimit: number | null = null;
  if (f.usageLimit.trim()) {
    if (/^\d{1,9}$/.test(f.usageLimit.trim()) && Number(f.usageLimit) > 0) usageLimit = Number(f.usageLimit);
    else problems.usageLimit = 'format';
  }
  if (Object.keys(problems).length) return { ok: false, problems };
  return {
    ok: true,
    coupon: {
      code,
      kind: f.kind,
      value: v.ok ? v.value : 0,
      min_subtotal: minSubtotal,
      valid_from: from,
      valid_until: until,
      usage_limit: usageLimit,
      active: f.active,
      once_per_customer: f.oncePerCustomer,
      first_order_only: f.firstOrderOnly,
      regulars_only: f.regularsOnly,
    },
  };
}
