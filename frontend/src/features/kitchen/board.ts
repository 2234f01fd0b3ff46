import type { Order, OrderStatus } from '../../api';

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
