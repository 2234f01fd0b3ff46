import { describe, expect, it } from 'vitest';
import type { MenuView, Order, OrderLine } from '../../api';
import { changedModifiers, defaultOptionIds, linesToMake, stationQueue, stationsOf, unpaidSelfOrder, withEta } from './board';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const opt = (id: string) => ({ id, name: id, price_delta: eur(0) });
const menu = {
  currency: 'EUR',
  categories: [
    {
      id: 'c',
      name: 'Coffee',
      items: [
        {
          id: 'cap',
          name: 'Cappuccino',
          description: '',
          price: eur(370),
          available: true,
          tax_class: 'standard',
          modifier_groups: [
            { id: 'size', name: 'Size', min: 1, max: 1, options: [opt('regular'), opt('large')] },
            { id: 'milk', name: 'Milk', min: 1, max: 1, options: [opt('whole'), opt('oat')] },
            { id: 'shot', name: 'Extra shot', min: 0, max: 2, options: [opt('extra'), opt('decaf')] },
          ],
        },
      ],
    },
  ],
} as unknown as MenuView;

const line = (ids: string[]) => ({ modifiers: ids.map(opt) }) as unknown as OrderLine;

describe('the board shows what changed', () => {
  it('knows the default of each required single choice', () => {
    expect([...defaultOptionIds(menu)].sort()).toEqual(['regular', 'whole']);
    expect(defaultOptionIds(undefined).size).toBe(0);
  });
  it('leaves the defaults out and keeps every other choice', () => {
    const d = defaultOptionIds(menu);
    expect(changedModifiers(line(['regular', 'oat', 'extra']), d).map((m) => m.id)).toEqual(['oat', 'extra']);
    expect(changedModifiers(line(['large', 'whole']), d).map((m) => m.id)).toEqual(['large']);
  });
  it('shows everything while the menu is not known', () => {
    expect(changedModifiers(line(['regular', 'whole']), defaultOptionIds(undefined))).toHaveLength(2);
  });
});

describe('unpaidSelfOrder', () => {
  it('marks kiosk and phone orders until paid, never counter ones', () => {
    expect(unpaidSelfOrder({ paid: false, channel: 'kiosk' })).toBe(true);
    expect(unpaidSelfOrder({ paid: false, channel: 'customer' })).toBe(true);
    expect(unpaidSelfOrder({ paid: true, channel: 'kiosk' })).toBe(false);
    expect(unpaidSelfOrder({ paid: false, channel: 'counter' })).toBe(false);
  });
});

describe('station boards', () => {
  const line = (name: string, station: string | null, done = false) =>
    ({ item_id: name, name, quantity: 1, unit_price: eur(100), modifiers: [], line_total: eur(100), note: null, station, prep_minutes: 3, done_at: done ? '2026-12-03T10:00:00Z' : null }) as OrderLine;
  const order = (id: string, status: Order['status'], lines: OrderLine[], updated = '2026-12-03T10:00:00Z') =>
    ({ id, number: Number(id), status, lines, created_at: `2026-12-03T09:0${id}:00Z`, updated_at: updated }) as Order;

  it('lists the stations of the menu once, sorted', () => {
    const m = { currency: 'EUR', categories: [{ station: 'kitchen' }, { station: 'bar' }, { station: null }, { station: 'bar' }] } as unknown as MenuView;
    expect(stationsOf(m)).toEqual(['bar', 'kitchen']);
    expect(stationsOf(undefined)).toEqual([]);
  });

  it('shows a station its own lines and the shared ones, split into to make and made', () => {
    const orders = [
      order('1', 'in_progress', [line('Latte', 'bar', true), line('Toast', 'kitchen')]),
      order('2', 'placed', [line('Tea', 'bar'), line('Water', null)]),
      order('3', 'placed', [line('Soup', 'kitchen')]),
      order('4', 'ready', [line('Flat white', 'bar', true)], '2026-12-03T10:05:00Z'),
    ];
    const bar = stationQueue(orders, 'bar');
    expect(bar.toMake.map((o) => o.id)).toEqual(['2']);
    expect(bar.made.map((o) => o.id)).toEqual(['4', '1']);
    expect(linesToMake(orders[1]!, 'bar')).toEqual([0, 1]);
    expect(linesToMake(orders[0]!, 'kitchen')).toEqual([1]);
    // A line without a station (the water) is on every board.
    expect(stationQueue(orders, 'kitchen').toMake.map((o) => o.id)).toEqual(['1', '2', '3']);
  });

  it('takes a refined ready time into the list', () => {
    const list = [order('1', 'placed', []), order('2', 'placed', [])];
    const next = withEta(list, { id: '2', estimated_ready_at: '2026-12-03T10:20:00Z' });
    expect(next[1]!.estimated_ready_at).toBe('2026-12-03T10:20:00Z');
    expect(next[0]).toBe(list[0]);
  });
});
