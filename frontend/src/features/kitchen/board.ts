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

/** The stations the menu's categories are routed to, sorted. */
export function stationsOf(menu: MenuView | undefined): string[] {
  const s = new Set<string>();
  for (const c of menu?.categories ?? []) if (c.station) s.add(c.station);
  return [...s].sort();
}

/** Whether a line is made at `station`: its own lines and those without a station (every board makes those). */
export function atStation(line: Pick<OrderLine, 'station'>, station: string): boolean {
  return !line.station || line.station === station;
}

/** The indexes of an order's lines at `station` still to make. */
export function linesToMake(o: Pick<Order, 'lines'>, station: string): number[] {
  return o.lines.flatMap((l, i) => (atStation(l, station) && !l.done_at ? [i] : []));
}

/** Splits the open orders for a station's board: those with lines to make there (oldest first) and those it has made, not yet collected (newest first, at most `keep`). */
export function stationQueue(orders: Order[], station: string, keep = 6): { toMake: Order[]; made: Order[] } {
  const mine = orders.filter((o) => o.lines.some((l) => atStation(l, station)));
  const toMake = mine.filter((o) => (o.status === 'placed' || o.status === 'in_progress') && linesToMake(o, station).length > 0);
  const made = mine
    .filter((o) => !toMake.includes(o) && o.status !== 'completed' && o.status !== 'cancelled')
    .sort((a, b) => b.updated_at.localeCompare(a.updated_at))
    .slice(0, keep);
  return { toMake, made };
}

/** Applies an `order.eta` event to a list of orders. */
export function withEta(list: Order[], eta: { id: string; estimated_ready_at: string }): Order[] {
  return list.map((o) => (o.id === eta.id ? { ...o, estimated_ready_at: eta.estimated_ready_at } : o));
}
