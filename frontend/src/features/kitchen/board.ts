import type { MenuView, Order, OrderLine, OrderStatus } from '../../api';

export function nextStatus(s: OrderStatus): OrderStatus | null {
  if (s === 'placed') return 'in_progress';
  if (s === 'in_progress') return 'ready';
  return null;
}

/** Inserts or replaces an order, drops it when it left the shown statuses, keeps oldest first. */
export function upsertOrder(list: Order[], o: Order, shown: OrderStatus[]): Order[] {
  const rest = list.filter((x) => x.id !== o.id);
  if (!shown.includes(o.status)) return rest;
  return [...rest, o].sort((a, b) => a.created_at.localeCompare(b.created_at) || a.number - b.number);
}

export function ageClass(minutes: number, amber: number, red: number): string {
  if (minutes >= red) return 'age-red';
  if (minutes >= amber) return 'age-amber';
  return 'age-ok';
}

/**
 * The options a line gets without anyone choosing them: the first option of each group
 * where exactly one must be chosen (Regular, Whole milk). The board leaves them out.
 */
export function defaultOptionIds(menu: MenuView | undefined): Set<string> {
  const ids = new Set<string>();
  for (const c of menu?.categories ?? [])
    for (const i of c.items)
      for (const g of i.modifier_groups) if (g.min >= 1 && g.max === 1 && g.options[0]) ids.add(g.options[0].id);
  return ids;
}

/** What the cook must do differently: the line's modifiers that are not the defaults. */
export function changedModifiers(line: OrderLine, defaults: Set<string>): OrderLine['modifiers'] {
  return line.modifiers.filter((m) => !defaults.has(m.id));
}

/** An order a customer placed at a kiosk or on a phone and has not paid yet (paid at the counter later). */
export function unpaidSelfOrder(o: Pick<Order, 'paid' | 'channel'>): boolean {
  return !o.paid && o.channel !== 'counter';
}
