import type { Order, RefundLine } from '../../api';
import { amountPaid } from './payment';

// Integer minor units throughout.

/** What the order still holds: paid minus refunded (tips aside). */
export function amountHeld(o: Order): number {
  return Math.max(0, amountPaid(o) - o.refunded.amount);
}

/** Per line of the order: how many of it can still be given back. */
export function refundableQuantities(o: Order): number[] {
  const before = o.lines.map(() => 0);
  for (const r of o.refunds ?? []) for (const l of r.lines) if (l.line_no < before.length) before[l.line_no]! += l.quantity;
  return o.lines.map((l, i) => Math.max(0, l.quantity - before[i]!));
}

/** `quantity` of line `i` in minor units (its line total is the unit total times its quantity). */
export function lineShare(o: Order, i: number, quantity: number): number {
  const line = o.lines[i];
  if (!line || line.quantity <= 0) return 0;
  const total = line.line_total.amount * quantity;
  return (total - (total % line.quantity)) / line.quantity;
}

/** Picked quantities per line (0 = not picked) as the request's lines. */
export function toRefundLines(picked: number[]): RefundLine[] {
  return picked.flatMap((quantity, line_no) => (quantity > 0 ? [{ line_no, quantity }] : []));
}

/** The amount for the picked lines: their line totals, never above what the order holds. */
export function linesRefundAmount(o: Order, picked: number[]): number {
  const sum = picked.reduce((s, q, i) => s + (q > 0 ? lineShare(o, i, q) : 0), 0);
  return Math.min(sum, amountHeld(o));
}

/** Orders that can still be cancelled (placed or in the kitchen). */
export function isCancellable(o: Order): boolean {
  return o.status === 'placed' || o.status === 'in_progress';
}
