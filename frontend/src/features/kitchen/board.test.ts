import { describe, expect, it } from 'vitest';
import type { MenuView, OrderLine } from '../../api';
import { changedModifiers, defaultOptionIds, unpaidSelfOrder } from './board';

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
