import { describe, expect, it } from 'vitest';
import type { ItemView } from '../api/types';
import { addToCart, cartCount, cartTotal, onlyOptionalChoices, reconcileWithMenu, removeLine, setNote, setQuantity, toPlaceLines } from './cart';

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
const cookie: ItemView = { id: 'cookie', name: 'Cookie', description: '', price: eur(250), available: true, tax_class: 'standard', local: false,
  featured: false,
  prep_minutes: 3, modifier_groups: [] };

describe('an item with only optional choices', () => {
  it('is one whose every group may be left empty', () => {
    const espresso: ItemView = { ...latte, id: 'espresso', modifier_groups: [latte.modifier_groups[1]!] };
    expect(onlyOptionalChoices(espresso)).toBe(true);
    expect(onlyOptionalChoices(latte)).toBe(false);
    expect(onlyOptionalChoices(cookie)).toBe(false);
  });
});

describe('cart', () => {
  it('merges identical lines and prices options into the unit amount', () => {
    let c = addToCart([], latte, ['l', 'van']);
    c = addToCart(c, latte, ['van', 'l']);
    c = addToCart(c, cookie);
    expect(c).toHaveLength(2);
    expect(c[0]!.quantity).toBe(2);
    expect(c[0]!.unitAmount).toBe(450);
    expect(cartCount(c)).toBe(3);
    expect(cartTotal(c)).toBe(2 * 450 + 250);
  });
  it('keeps lines with different notes apart, and merges when a note makes them equal', () => {
    let c = addToCart([], cookie, [], 1, 'warm');
    c = addToCart(c, cookie);
    expect(c).toHaveLength(2);
    c = setNote(c, c[1]!.key, 'warm');
    expect(c).toHaveLength(1);
    expect(c[0]!.quantity).toBe(2);
  });
  it('changes quantities within 1..99 and removes at zero', () => {
    let c = addToCart([], cookie);
    const k = c[0]!.key;
    c = setQuantity(c, k, 500);
    expect(c[0]!.quantity).toBe(99);
    expect(setQuantity(c, k, 0)).toEqual([]);
    expect(removeLine(c, k)).toEqual([]);
  });
  it('turns into the order body the server expects', () => {
    const c = addToCart(addToCart([], latte, ['l'], 2, ' oat please '), cookie);
    expect(toPlaceLines(c)).toEqual([
      { item_id: 'latte', quantity: 2, modifier_option_ids: ['l'], note: 'oat please' },
      { item_id: 'cookie', quantity: 1, modifier_option_ids: [] },
    ]);
  });
  it('takes an option twice: listed twice for the server, priced twice, shown once with its count', () => {
    let c = addToCart([], latte, ['van', 'l', 'van']);
    expect(c[0]!.optionIds).toEqual(['l', 'van', 'van']);
    expect(c[0]!.unitAmount).toBe(350 + 60 + 2 * 40);
    expect(c[0]!.optionNames).toEqual(['Large', '2× Vanilla']);
    expect(toPlaceLines(c)[0]!.modifier_option_ids).toEqual(['l', 'van', 'van']);
    // once and twice are different lines; the same twice merges
    c = addToCart(c, latte, ['l', 'van']);
    c = addToCart(c, latte, ['van', 'van', 'l']);
    expect(c.map((l) => l.quantity)).toEqual([2, 1]);
    const { cart } = reconcileWithMenu(c, new Map([['latte', latte]]));
    expect(cart[0]!.unitAmount).toBe(350 + 60 + 2 * 40);
  });
  it('drops sold-out items and re-prices from a fresh menu', () => {
    const c = addToCart(addToCart([], latte, ['s']), cookie);
    const menu = new Map([
      ['latte', { ...latte, price: eur(380) }],
      ['cookie', { ...cookie, available: false }],
    ]);
    const { cart, removed } = reconcileWithMenu(c, menu);
    expect(removed.map((l) => l.itemId)).toEqual(['cookie']);
    expect(cart[0]!.unitAmount).toBe(380);
  });
});
