import { describe, expect, it } from 'vitest';
import type { Order } from '../../api';
import { byNumber, localDate } from './HistoryView';

describe('order history', () => {
  const orders = [{ number: 7 }, { number: 42 }, { number: 420 }] as Order[];
  it('finds orders by the start of their number', () => {
    expect(byNumber(orders, '42').map((o) => o.number)).toEqual([42, 420]);
    expect(byNumber(orders, ' #7 ').map((o) => o.number)).toEqual([7]);
    expect(byNumber(orders, '')).toHaveLength(3);
  });
  it('names the local day', () => {
    expect(localDate(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});
