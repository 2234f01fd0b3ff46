import { describe, expect, it } from 'vitest';
import type { DayFigures } from './api/types';
import { chartRows, daysOf, divRound, overall, shopTotals } from './lib';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
function day(date: string, shop: string, orders: number, revenue: number, refunds = 0, tips = 0, currency = 'EUR'): DayFigures {
  const m = (amount: number) => ({ amount, currency });
  return { date, shop_id: `id-${shop}`, name: shop, orders, revenue: m(revenue), average_ticket: m(divRound(revenue, orders)), refunds: m(refunds), tips: m(tips) };
}

describe('head office dashboard figures', () => {
  it('rounds the average ticket half away from zero, and is 0 without orders', () => {
    expect(divRound(1000, 3)).toBe(333);
    expect(divRound(1001, 2)).toBe(501);
    expect(divRound(-1001, 2)).toBe(-501);
    expect(divRound(500, 0)).toBe(0);
  });

  it('sums each shop over the range, by name', () => {
    const days = [day('2026-03-02', 'Süd', 1, 450, 0, 50), day('2026-03-01', 'Nord', 2, 1000, 100), day('2026-03-02', 'Nord', 1, 350)];
    expect(shopTotals(days)).toEqual([
      { key: 'id-Nord|EUR', shopId: 'id-Nord', name: 'Nord', orders: 3, revenue: eur(1350), averageTicket: eur(450), refunds: eur(100), tips: eur(0) },
      { key: 'id-Süd|EUR', shopId: 'id-Süd', name: 'Süd', orders: 1, revenue: eur(450), averageTicket: eur(450), refunds: eur(0), tips: eur(50) },
    ]);
  });

  it('adds money across shops only in one currency', () => {
    const days = [day('2026-03-01', 'Nord', 2, 1000, 100, 20), day('2026-03-01', 'Süd', 1, 501, 0, 30)];
    expect(overall(days)).toEqual({ orders: 3, currency: 'EUR', revenue: eur(1501), averageTicket: eur(500), refunds: eur(100), tips: eur(50) });
    const mixed = overall([...days, day('2026-03-01', 'Boston', 4, 900, 0, 0, 'USD')]);
    expect(mixed).toEqual({ orders: 7, currency: null, revenue: null, averageTicket: null, refunds: null, tips: null });
    expect(overall([]).revenue).toBeNull();
  });

  it('charts every day of the range, days without sales at zero, each shop a series', () => {
    expect(daysOf('2026-02-27', '2026-03-02')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    expect(daysOf('2026-03-02', '2026-03-01')).toEqual([]);
    const { rows, series } = chartRows([day('2026-03-02', 'Süd', 1, 450), day('2026-03-01', 'Nord', 2, 1000)], '2026-03-01', '2026-03-02');
    expect(series).toEqual([
      { key: 'id-Nord', name: 'Nord' },
      { key: 'id-Süd', name: 'Süd' },
    ]);
    expect(rows).toEqual([
      { date: '2026-03-01', day: '03-01', 'id-Nord:orders': 2, 'id-Nord:revenue': 10, 'id-Süd:orders': 0, 'id-Süd:revenue': 0 },
      { date: '2026-03-02', day: '03-02', 'id-Nord:orders': 0, 'id-Nord:revenue': 0, 'id-Süd:orders': 1, 'id-Süd:revenue': 4.5 },
    ]);
  });
});
