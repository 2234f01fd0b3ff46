import type { ItemView, ModifierGroupView, PlaceLine } from '../api/types';

export interface CartLine {
  /** same item + same options + same note → same key (lines merge) */
  key: string;
  itemId: string;
  name: string;
  currency: string;
  /** base price + the chosen options' deltas, minor units */
  unitAmount: number;
  optionIds: string[];
  optionNames: string[];
  quantity: number;
  note: string;
}

export type Cart = CartLine[];

export const MAX_QUANTITY = 99;

function lineKey(itemId: string, optionIds: string[], note: string): string {
  return [itemId, [...optionIds].sort().join(','), note.trim()].join('|');
}

/** Per-group problems with a selection; empty when the selection is valid. */
export function selectionErrors(
  groups: ModifierGroupView[],
  selected: ReadonlySet<string>,
): { groupId: string; name: string; min: number; max: number; count: number }[] {
  const out = [];
  for (const g of groups) {
    const count = g.options.filter((o) => selected.has(o.id)).length;
    if (count < g.min || count > g.max) out.push({ groupId: g.id, name: g.name, min: g.min, max: g.max, count });
  }
  return out;
}

/**
 * Toggles an option within its group's limits: a single-choice group (max 1) swaps;
 * a full multi-choice group refuses more.
 */
export function toggleOption(group: ModifierGroupView, selected: ReadonlySet<string>, optionId: string): Set<string> {
  const next = new Set(selected);
  if (next.has(optionId)) {
    next.delete(optionId);
    return next;
  }
  const inGroup = group.options.filter((o) => next.has(o.id));
  if (group.max === 1) {
    for (const o of inGroup) next.delete(o.id);
  } else if (inGroup.length >= group.max) {
    return next;
  }
  next.add(optionId);
  return next;
}

/** Options pre-selected when the dialog opens: the first option of each required single-choice group. */
/** An item whose every choice is optional (an extra shot, a syrup): a tap adds it plain, its options open on request. */
export function onlyOptionalChoices(item: ItemView): boolean {
  return item.modifier_groups.length > 0 && item.modifier_groups.every((g) => g.min === 0);
}

export function defaultSelection(item: ItemView): Set<string> {
  const s = new Set<string>();
  for (const g of item.modifier_groups) {
    if (g.min >= 1 && g.max === 1 && g.options[0]) s.add(g.options[0].id);
  }
  return s;
}

export function addToCart(cart: Cart, item: ItemView, optionIds: Iterable<string> = [], quantity = 1, note = ''): Cart {
  const ids = [...optionIds];
  const options = item.modifier_groups.flatMap((g) => g.options).filter((o) => ids.includes(o.id));
  const key = lineKey(item.id, ids, note);
  const existing = cart.find((l) => l.key === key);
  if (existing) return setQuantity(cart, key, existing.quantity + quantity);
  const line: CartLine = {
    key,
    itemId: item.id,
    name: item.name,
    currency: item.price.currency,
    unitAmount: item.price.amount + options.reduce((s, o) => s + o.price_delta.amount, 0),
    optionIds: options.map((o) => o.id),
    optionNames: options.map((o) => o.name),
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
    const opts = item.modifier_groups.flatMap((g) => g.options).filter((o) => l.optionIds.includes(o.id));
    next.push({ ...l, name: item.name, unitAmount: item.price.amount + opts.reduce((s, o) => s + o.price_delta.amount, 0) });
  }
  return { cart: next, removed };
}
