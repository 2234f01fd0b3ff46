import type { OrderType, ShopSettings } from '../api';

/**
 * How a new sale starts. Read from the shop settings when the server has them
 * (`default_order_type`, `uses_tables`: proposed fields, not in today's API); without
 * them a sale starts as takeaway and the table stays optional.
 */
export interface OrderDefaults {
  type: OrderType;
  /** Eat-in orders need a table number (the shop serves at the tables). */
  tablesRequired: boolean;
}

type WithDefaults = ShopSettings & { default_order_type?: unknown; uses_tables?: unknown };

export function orderDefaults(settings: ShopSettings | undefined): OrderDefaults {
  const s = settings as WithDefaults | undefined;
  const type = s?.default_order_type === 'dine_in' ? 'dine_in' : 'takeaway';
  return { type, tablesRequired: s?.uses_tables === true };
}

/** The table this order still needs, if any: an eat-in order in a shop with table service and no table typed. */
export function missingTable(type: OrderType, table: string, d: OrderDefaults): boolean {
  return type === 'dine_in' && d.tablesRequired && table.trim() === '';
}
