import { describe, expect, it } from 'vitest';
import type { ItemView } from '../api/types';
import { canTakeMore, defaultSelection, selectionDelta, selectionErrors, selectionIds, stepOption, toggleOption } from './selection';
import { modifierLabels } from './repeats';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const latte: ItemView = {
  id: 'latte',
  name: 'Latte',
  description: '',
  price: eur(350),
  available: true,
  tax_class: 'standard',
  local: false,
  featured: false,
  prep_minutes: 3,
  modifier_groups: [
    { id: 'size', name: 'Size', min: 1, max: 1, options: [{ id: 's', name: 'Small', price_delta: eur(0) }, { id: 'l', name: 'Large', price_delta: eur(60) }] },
    { id: 'syrup', name: 'Syrups', min: 0, max: 2, options: [{ id: 'van', name: 'Vanilla', price_delta: eur(40) }, { id: 'car', name: 'Caramel', price_delta: eur(40) }, { id: 'haz', name: 'Hazelnut', price_delta: eur(40) }] },
  ],
};
const size = latte.modifier_groups[0]!;
const syrup = latte.modifier_groups[1]!;
const sel = (entries: [string, number][]) => new Map(entries);

describe('modifier selection', () => {
  it('pre-selects the first option of required single-choice groups', () => {
    expect([...defaultSelection(latte)]).toEqual([['s', 1]]);
    expect(selectionErrors(latte.modifier_groups, defaultSelection(latte))).toEqual([]);
  });
  it('reports groups below min or above max', () => {
    const errs = selectionErrors(latte.modifier_groups, sel([['van', 1], ['car', 1], ['haz', 1]]));
    expect(errs.map((e) => e.groupId)).toEqual(['size', 'syrup']);
  });
  it('counts every repetition towards the max', () => {
    const errs = selectionErrors(latte.modifier_groups, sel([['s', 1], ['van', 3]]));
    expect(errs).toEqual([{ groupId: 'syrup', name: 'Syrups', min: 0, max: 2, count: 3 }]);
  });
  it('swaps within a single-choice group and refuses beyond max', () => {
    expect([...toggleOption(size, sel([['s', 1]]), 'l')]).toEqual([['l', 1]]);
    let s = toggleOption(syrup, new Map(), 'van');
    s = toggleOption(syrup, s, 'car');
    s = toggleOption(syrup, s, 'haz');
    expect([...s.keys()].sort()).toEqual(['car', 'van']);
    expect([...toggleOption(syrup, s, 'van')]).toEqual([['car', 1]]);
  });
  it('takes an option twice within the group max, not beyond it, and never in a max-1 group', () => {
    let s = toggleOption(syrup, sel([['s', 1]]), 'van');
    s = stepOption(syrup, s, 'van', 1);
    expect(s.get('van')).toBe(2);
    expect(canTakeMore(syrup, s)).toBe(false);
    expect(stepOption(syrup, s, 'van', 1).get('van')).toBe(2);
    expect(stepOption(syrup, s, 'car', 1).has('car')).toBe(false);
    expect(stepOption(size, s, 's', 1).get('s')).toBe(1);
    expect(canTakeMore(size, new Map())).toBe(false);
    expect(selectionIds(latte, s)).toEqual(['s', 'van', 'van']);
    expect(selectionDelta(latte, s)).toBe(80);
    expect(selectionErrors(latte.modifier_groups, s)).toEqual([]);
    s = stepOption(syrup, s, 'van', -1);
    expect(s.get('van')).toBe(1);
    expect(stepOption(syrup, s, 'van', -1).has('van')).toBe(false);
    // tapping the option itself drops it however often it was taken
    expect(toggleOption(syrup, sel([['van', 2]]), 'van').has('van')).toBe(false);
  });
});

describe('modifier labels', () => {
  it('names an option taken twice once, with its count', () => {
    const shot = { id: 'x', name: 'Extra shot' };
    expect(modifierLabels([{ id: 'o', name: 'Oat milk' }, shot, shot])).toEqual(['Oat milk', '2× Extra shot']);
  });
});
