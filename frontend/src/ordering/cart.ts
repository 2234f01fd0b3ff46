import type { ItemView, PlaceLine } from '../api/types';
import { modifierLabels } from './repeats';

export interface CartLine {
  /** same item + same options + same note → same key (lines merge) */
  key: string;
  itemId: string;
  name: string;
  currency: string;
  /** base price + the chosen options' deltas (an option taken twice counted twice), minor units */
  unitAmount: number;
  /** the options in menu order, an option taken twice listed twice (as the server expects them) */
  optionIds: string[];
  /** what the cart shows: each option once, `2× Extra shot` when taken twice */
  optionNames: string[];
  quantity: number;
  note: string;
}

export type Cart = CartLine[];

export const MAX_QUANTITY = 99;

function lineKey(itemId: string, optionIds: string[], note: string): string {
  return [itemId, [...optionIds].sort().join(','), note.trim()].join('|');
}

/** An item whose every choice is optional (an extra shot, a syrup): a tap adds it plain, its options open on request. */
export function onlyOptionalChoices(item: ItemView): boolean {
  return item.modifier_groups.length > 0 && item.modifier_groups.every((g) => g.min === 0);
}

/** The item's options for `optionIds`, in menu order, each as often as its id is listed (twice: a double shot). */
function takenOptions(item: ItemView, optionIds: readonly string[]) {
  const times = new Map<string, number>();
  for (const id of optionIds) times.set(id, (times.get(id) ?? 0) + 1);
  return item.modifier_groups.flatMap((g) => g.options).flatMap((o) => Array<typeof o>(times.get(o.id) ?? 0).fill(o));
}

export function addToCart(cart: Cart, item: ItemView, optionIds: Iterable<string> = [], quantity = 1, note = ''): Cart {
  const options = takenOptions(item, [...optionIds]);
  const ids = options.map((o) => o.id);
  const key = lineKey(item.id, ids, note);
  const existing = cart.find((l) => l.key === key);
  if (existing) return setQuantity(cart, key, existing.quantity + quantity);
  const line: CartLine = {
    key,
    itemId: item.id,
    name: item.name,
    currency: item.price.currency,
    unitAmount: item.price.amount + options.reduce((s, o) => s + o.price_delta.amount, 0),
    optionIds: ids,
    optionNames: modifierLabels(options),
    quantity: Math.min(Math.max(1, quantity), MAX_QUANTITY),
    note: note.trim(),
  };
  return [...cart, line];
}

export function setQuantity(cart: Cart, key: string, quantity: number): Cart {
  if (quantity <= 0) return removeLine(cart, key);
  return cart.map((l) => (l.key === key ? { ...l, quantity: Math.min(quantity, MAX_QUANTITY) } : l));
}

export function removeLine(cart: Cart, key: string): Cart {
  return cart.filter((l) => l.key !== key);
}

export function setNote(cart: Cart, key: string, note: string): Cart {
  const line = cart.find((l) => l.key === key);
  if (!line) return cart;
  const newKey = lineKey(line.itemId, line.optionIds, note);
  const merged = cart.find((l) => l.key === newKey && l.key !== key);
  if (merged) return setQuantity(removeLine(cart, key), newKey, merged.quantity + line.quantity);
  return cart.map((l) => (l.key === key ? { ...l, note: note.trim(), key: newKey } : l));
}

export function cartCount(cart: Cart): number {
  return cart.reduce((n, l) => n + l.quantity, 0);
}

/** The cart's estimate in minor units; the server prices the real order. */
export function cartTotal(cart: Cart): number {
  return cart.reduce((s, l) => s + l.unitAmount * l.quantity, 0);
}

export function toPlaceLines(cart: Cart): PlaceLine[] {
  return cart.map((l) => ({
    item_id: l.itemId,
    quantity: l.quantity,
    modifier_option_ids: l.optionIds,
    ...(l.note ? { note: l.note } : {}),
  }));
}

/** Every item of a menu by its id (for `reconcileWithMenu`). */
export function itemIndex(menu: { categories: { items: ItemView[] }[] } | undefined): Map<string, ItemView> {
  const m = new Map<string, ItemView>();
  for (const c of menu?.categories ?? []) for (const i of c.items) m.set(i.id, i);
  return m;
}

/** Drops lines whose item vanished or sold out and re-prices the rest from a fresh menu. */
export function reconcileWithMenu(cart: Cart, items: Map<string, ItemView>): { cart: Cart; removed: CartLine[] } {
  const removed: CartLine[] = [];
  const next: Cart = [];
  for (const l of cart) {
    const item = items.get(l.itemId);
    if (!item || !item.available) {
      removed.push(l);
      continue;
    }
    const opts = takenOptions(item, l.optionIds);
    next.push({ ...l, name: item.name, unitAmount: item.price.amount + opts.reduce((s, o) => s + o.price_delta.amount, 0) });
  }
  return { cart: next, removed };
}
