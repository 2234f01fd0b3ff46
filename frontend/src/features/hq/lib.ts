import { addDays, minorDigits } from '../../ui';
import type { DayFigures, HqMoney } from './api/types';

/** One shop's figures over the whole range (in one currency). */
export interface ShopTotals {
  key: string;
  shopId: string;
  name: string;
  orders: number;
  revenue: HqMoney;
  averageTicket: HqMoney;
  refunds: HqMoney;
  tips: HqMoney;
}

/** The range's figures across shops; money only when every row is in one currency. */
export interface Overall {
  orders: number;
  currency: string | null;
  revenue: HqMoney | null;
  averageTicket: HqMoney | null;
  refunds: HqMoney | null;
  tips: HqMoney | null;
}

/** `a / b` rounded half away from zero, as head office rounds the average ticket; 0 when b is 0. */
export function divRound(a: number, b: number): number {
  if (b === 0) return 0;
  const q = Math.floor((2 * Math.abs(a) + Math.abs(b)) / (2 * Math.abs(b)));
  return Math.sign(a) * Math.sign(b) * q || 0;
}

const money = (amount: number, currency: string): HqMoney => ({ amount, currency });

/** The days summed by shop (a shop selling in two currencies has a line for each), by name. */
export function shopTotals(days: DayFigures[]): ShopTotals[] {
  const by = new Map<string, { shopId: string; name: string; currency: string; orders: number; revenue: number; refunds: number; tips: number }>();
  for (const d of days) {
    const currency = d.revenue.currency;
    const key = `${d.shop_id}|${currency}`;
    const t = by.get(key) ?? { shopId: d.shop_id, name: d.name, currency, orders: 0, revenue: 0, refunds: 0, tips: 0 };
    t.orders += d.orders;
    t.revenue += d.revenue.amount;
    t.refunds += d.refunds.amount;
    t.tips += d.tips.amount;
    by.set(key, t);
  }
  return [...by.entries()]
    .map(([key, t]) => ({
      key,
      shopId: t.shopId,
      name: t.name,
      orders: t.orders,
      revenue: money(t.revenue, t.currency),
      averageTicket: money(divRound(t.revenue, t.orders), t.currency),
      refunds: money(t.refunds, t.currency),
      tips: money(t.tips, t.currency),
    }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.key.localeCompare(b.key));
}

/** The range across shops. Money is added only within one currency (head office's rule). */
export function overall(days: DayFigures[]): Overall {
  const currencies = new Set(days.map((d) => d.revenue.currency));
  const orders = days.reduce((n, d) => n + d.orders, 0);
  const currency = currencies.size === 1 ? [...currencies][0]! : null;
  if (currency === null) return { orders, currency, revenue: null, averageTicket: null, refunds: null, tips: null };
  const sum = (f: (d: DayFigures) => number) => days.reduce((n, d) => n + f(d), 0);
  const revenue = sum((d) => d.revenue.amount);
  return {
    orders,
    currency,
    revenue: money(revenue, currency),
    averageTicket: money(divRound(revenue, orders), currency),
    refunds: money(sum((d) => d.refunds.amount), currency),
    tips: money(sum((d) => d.tips.amount), currency),
  };
}

/** A chart series: one shop. */
export interface Series {
  key: string;
  name: string;
}

/** Every day from `from` to `to` (`YYYY-MM-DD`), at most `max` of them (the last ones). */
export function daysOf(from: string, to: string, max = 400): string[] {
  const out: string[] = [];
  for (let d = to; d >= from && out.length < max; d = addDays(d, -1)) out.push(d);
  return out.reverse();
}

/**
 * The chart's rows: one per day of the range (days without sales at zero), with each shop's
 * orders and revenue (in major units, for the axis) under its id. The series are the shops
 * that appear, by name.
 */
export function chartRows(days: DayFigures[], from: string, to: string): { rows: Record<string, string | number>[]; series: Series[] } {
  const names = new Map<string, string>();
  for (const d of days) names.set(d.shop_id, d.name);
  const series = [...names.entries()].map(([key, name]) => ({ key, name })).sort((a, b) => a.name.localeCompare(b.name));
  const rows = daysOf(from, to).map((date) => {
    const row: Record<string, string | number> = { date, day: date.slice(5) };
    for (const s of series) {
      row[`${s.key}:orders`] = 0;
      row[`${s.key}:revenue`] = 0;
    }
    return row;
  });
  const at = new Map(rows.map((r) => [r.date as string, r]));
  for (const d of days) {
    const row = at.get(d.date);
    if (!row) continue;
    row[`${d.shop_id}:orders`] = (row[`${d.shop_id}:orders`] as number) + d.orders;
    row[`${d.shop_id}:revenue`] = (row[`${d.shop_id}:revenue`] as number) + d.revenue.amount / 10 ** minorDigits(d.revenue.currency);
  }
  return { rows, series };
}
