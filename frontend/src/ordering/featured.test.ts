import { describe, expect, it } from 'vitest';
import type { ItemView, MenuView } from '../api/types';
import { FEATURED, withFeatured } from './featured';

const item = (id: string, featured: boolean, available = true) =>
  ({ id, name: id, description: '', price: { amount: 100, currency: 'EUR' }, available, tax_class: 'standard', local: false, featured, prep_minutes: 3, modifier_groups: [] }) as ItemView;

describe('featured items', () => {
  it('come first, in a tab of their own, when there are any that can be ordered', () => {
    const menu: MenuView = {
      currency: 'EUR',
      categories: [
        { id: 'a', name: 'Coffee', station: 'bar', items: [item('latte', false), item('flat', true)] },
        { id: 'b', name: 'Cakes', station: null, items: [item('bun', true), item('tart', true, false)] },
      ],
    };
    const m = withFeatured(menu, 'Our picks');
    expect(m.categories.map((c) => c.id)).toEqual([FEATURED, 'a', 'b']);
    expect(m.categories[0]!.name).toBe('Our picks');
    expect(m.categories[0]!.items.map((i) => i.id)).toEqual(['flat', 'bun']);
  });

  it('leave the menu alone when none are featured', () => {
    const menu: MenuView = { currency: 'EUR', categories: [{ id: 'a', name: 'Coffee', station: null, items: [item('latte', false)] }] };
    expect(withFeatured(menu, 'x')).toBe(menu);
  });
});
