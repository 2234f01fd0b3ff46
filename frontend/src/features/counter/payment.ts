import type { Order } from '../../api';

// Everything here is in integer minor units; divisions go through `quotient`, never floats.

/** `a / b` rounded down, for non-negative integers, without a float in between. */
function quotient(a: number, b: number): number {
  return (a - (a % b)) / b;
}

/** What has been paid on an order (tips aside), in minor units. */
export function amountPaid(o: Order): number {
  return o.payments.reduce((s, p) => s + p.amount.amount, 0);
}

/** What is still to pay on an order, in minor units. */
export function amountDue(o: Order): number {
  return Math.max(0, o.total.amount - amountPaid(o));
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

/** `n` equal shares of `amount`; the last one takes the rounding remainder. */
export function splitShares(amount: number, n: number): number[] {
  const share = quotient(amount, n);
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? amount - share * (n - 1) : share));
}

/**
 * How the bill is being paid: whole; in `n` equal parts (planned from what was
 * owed when the split was chosen, `part` counts the parts paid since); or by the
 * items each guest had (`paid`: lines settled earlier in this dialog).
 */
export type Split =
  | { kind: 'whole' }
  | { kind: 'ways'; shares: number[]; part: number }
  | { kind: 'items'; picked: number[]; paid: number[] };

export const MIN_WAYS = 2;
export const MAX_WAYS = 20;

/** A new plan of `n` equal parts of what is still owed. */
export function splitWays(due: number, n: number): Split {
  const ways = Math.min(MAX_WAYS, Math.max(MIN_WAYS, n));
  return { kind: 'ways', shares: splitShares(due, ways), part: 0 };
}

/** The sum of the picked lines' totals. */
export function linesTotal(o: Order, lines: number[]): number {
  return lines.reduce((s, i) => s + (o.lines[i]?.line_total.amount ?? 0), 0);
}

/** What this payment takes: never more than is still owed (the last equal part takes the rest). */
export function partAmount(split: Split, o: Order): number {
  const due = amountDue(o);
  switch (split.kind) {
    case 'whole':
      return due;
    case 'ways':
      return split.part >= split.shares.length - 1 ? due : Math.min(split.shares[split.part] ?? due, due);
    case 'items':
      return Math.min(linesTotal(o, split.picked), due);
  }
}

/** The split after one of its parts was paid. */
export function afterPayment(split: Split): Split {
  switch (split.kind) {
    case 'whole':
      return split;
    case 'ways':
      return { ...split, part: Math.min(split.part + 1, split.shares.length - 1) };
    case 'items':
      return { kind: 'items', picked: [], paid: [...split.paid, ...split.picked] };
  }
}

/** A tip of `percent` % of `amount`, rounded half up to a minor unit. */
export function percentTip(amount: number, percent: number): number {
  return quotient(amount * percent + 50, 100);
}

/** The tip that rounds `amount` up to the next whole unit of the currency (0 when it is whole). */
export function roundUpTip(amount: number, minorDigits: number): number {
  const unit = 10 ** minorDigits;
  const rest = amount % unit;
  return rest === 0 ? 0 : unit - rest;
}
