import type { Money } from '../api/types';

const cache = new Map<string, Intl.NumberFormat>();

function formatter(locale: string, currency: string): Intl.NumberFormat {
  const k = `${locale}|${currency}`;
  let f = cache.get(k);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: 'currency', currency });
    cache.set(k, f);
  }
  return f;
}

/** Minor-unit digits of a currency (2 for EUR, 0 for JPY, 3 for KWD). */
export function minorDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** Formats an integer amount of minor units; never goes through floats for the digits. */
export function formatMoney(m: Money, locale = 'en'): string {
  const f = formatter(locale, m.currency);
  const digits = minorDigits(m.currency);
  const neg = m.amount < 0;
  const abs = Math.abs(m.amount);
  const scale = 10 ** digits;
  const whole = Math.trunc(abs / scale);
  const frac = abs % scale;
  // Build the number from integer parts; formatToParts keeps the locale's symbols and order.
  const parts = f.formatToParts(neg ? -(whole + frac / scale) : whole + frac / scale);
  return parts
    .map((p) => (p.type === 'fraction' ? String(frac).padStart(digits, '0') : p.value))
    .join('');
}

export function money(amount: number, currency: string): Money {
  return { amount, currency };
}
