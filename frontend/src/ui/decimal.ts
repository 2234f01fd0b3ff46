/**
 * Decimal text ⇄ integer minor units, by string handling only (never through floats):
 * "4.50" with 2 digits is 450. Used for prices ("4,50" in German), price deltas, and
 * percentages as basis points ("12.5" % → 1250).
 */

export type DecimalError = 'empty' | 'format' | 'precision' | 'negative' | 'range';
export type DecimalResult = { ok: true; value: number } | { ok: false; error: DecimalError };

export interface DecimalOptions {
  /** Digits after the decimal separator (2 for EUR, 0 for JPY, 3 for KWD). */
  digits: number;
  /** The locale decides which of "." and "," is the decimal separator. */
  locale?: string;
  allowNegative?: boolean;
}

/** The locale's decimal separator, "." or ",". */
export function decimalSeparator(locale = 'en'): '.' | ',' {
  const part = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal');
  return part?.value === ',' ? ',' : '.';
}

export function parseDecimal(input: string, { digits, locale = 'en', allowNegative = false }: DecimalOptions): DecimalResult {
  let s = input.trim().replace(/[\s\u00a0\u202f']/g, '');
  if (s === '') return { ok: false, error: 'empty' };
  let negative = false;
  if (s.startsWith('-') || s.startsWith('\u2212')) {
    negative = true;
    s = s.slice(1);
  } else if (s.startsWith('+')) s = s.slice(1);
  if (negative && !allowNegative) return { ok: false, error: 'negative' };

  const dec = decimalSeparator(locale);
  const group = dec === '.' ? ',' : '.';
  let intPart: string;
  let fracPart = '';
  if (s.includes(dec)) {
    const pieces = s.split(dec);
    if (pieces.length !== 2) return { ok: false, error: 'format' };
    intPart = pieces[0]!;
    fracPart = pieces[1]!;
  } else if (s.split(group).length === 2 && !/^\d{1,3}[.,]\d{3}$/.test(s)) {
    // One "other" separator not followed by a group of three: someone typed "4.50" in a
    // German form (or "4,50" in an English one). Read it as the decimal separator.
    [intPart, fracPart] = s.split(group) as [string, string];
  } else {
    intPart = s;
  }
  // Thousands separators are allowed only in their proper places: 1,234,567.
  if (intPart.includes(group)) {
    if (!new RegExp(`^\\d{1,3}(\\${group}\\d{3})+$`).test(intPart)) return { ok: false, error: 'format' };
    intPart = intPart.split(group).join('');
  }
  if (intPart === '' && fracPart === '') return { ok: false, error: 'format' };
  if (!/^\d*$/.test(intPart) || !/^\d*$/.test(fracPart)) return { ok: false, error: 'format' };
  if (fracPart.length > digits) return { ok: false, error: 'precision' };
  const all = ((intPart || '0') + fracPart.padEnd(digits, '0')).replace(/^0+(?=\d)/, '');
  if (all.length > 15) return { ok: false, error: 'range' };
  const value = Number.parseInt(all, 10);
  if (!Number.isSafeInteger(value)) return { ok: false, error: 'range' };
  return { ok: true, value: negative && value !== 0 ? -value : value };
}

/** Minor units back to text for an input field: 450 → "4.50" (en) or "4,50" (de). */
export function formatDecimal(amount: number, digits: number, locale = 'en', trimZeros = false): string {
  const neg = amount < 0;
  const s = String(Math.abs(Math.trunc(amount))).padStart(digits + 1, '0');
  const whole = digits > 0 ? s.slice(0, -digits) : s;
  let frac = digits > 0 ? s.slice(-digits) : '';
  if (trimZeros) frac = frac.replace(/0+$/, '');
  return `${neg ? '-' : ''}${whole}${frac ? decimalSeparator(locale) + frac : ''}`;
}

/** "10" % → 1000 basis points; up to two decimals ("12.5" → 1250). */
export function parsePercentBps(input: string, locale = 'en'): DecimalResult {
  const r = parseDecimal(input, { digits: 2, locale });
  if (r.ok && r.value > 10_000) return { ok: false, error: 'range' };
  return r;
}

/** 1000 basis points → "10"; 1250 → "12.5" (or "12,5"). */
export function formatBps(bps: number, locale = 'en'): string {
  return formatDecimal(bps, 2, locale, true);
}
