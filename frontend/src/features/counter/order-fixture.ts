// Orders for the counter's unit tests: three lines (2× 3.50, 1× 4.00, 1× 2.01), payments and refunds as given.
import type { Order, OrderLine, Payment, Refund } from '../../api';

export const eur = (amount: number) => ({ amount, currency: 'EUR' });
const line = (name: string, unit: number, quantity: number): OrderLine => ({
  item_id: name,
  name,
  quantity,
  unit_price: eur(unit),
  line_total: eur(unit * quantity),
  modifiers: [],
});
export const payment = (amount: number, tip = 0): Payment => ({ id: `p${amount}`, method: 'card', amount: eur(amount), change_due: eur(0), tip: eur(tip), created_at: '' });
export const refund = (amount: number, lines: { line_no: number; quantity: number }[] = []): Refund => ({
  id: `r${amount}`,
  amount: eur(amount),
  method: 'cash',
  reason: 'x',
  lines,
  created_at: '',
});

export function order(total: number, payments: Payment[] = [], refunds: Refund[] = []): Order {
  const lines = [line('Latte', 350, 2), line('Cake', 400, 1), line('Water', 201, 1)];
  return {
    id: 'o1',
    number: 7,
    channel: 'counter',
    type: 'takeaway',
    status: 'placed',
    lines,
    subtotal: eur(total),
    discount: eur(0),
    tax: eur(0),
    total: eur(total),
    paid: payments.reduce((s, p) => s + p.amount.amount, 0) >= total,
    payments,
    tips: eur(payments.reduce((s, p) => s + p.tip.amount, 0)),
    change_due: eur(0),
    refunds,
    refunded: eur(refunds.reduce((s, r) => s + r.amount.amount, 0)),
    created_at: '',
    updated_at: '',
  };
}
