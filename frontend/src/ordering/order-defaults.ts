import type { OrderType, ShopSettings } from '../api';

/**
 * How a new sale starts: the shop settings `default_order_type` and `uses_tables` (an
 * older server without them: takeaway, and the table stays optional).
 */
export interface OrderDefaults {
  type: OrderType;
  /** Eat-in orders need a table number (the shop serves at the tables). */
  tablesRequired: boolean;
}

export function orderDefaults(s: ShopSettings | undefined): OrderDefaults {
  const type = s?.default_order_type === 'dine_in' ? 'dine_in' : 'takeaway';
  return { type, tablesRequired: s?.uses_tables === true };
}

/** The table this order still needs, if any: an eat-in order in a shop with table service and no table typed. */
export function missingTable(type: OrderType, table: string, d: OrderDefaults): boolean {
  return type === 'dine_in' && d.tablesRequired && table.trim() === '';
}

/** The bounds of a kiosk's return to the menu, in seconds (the server's too). */
export const MIN_RETURN_SECONDS = 5;
export const MAX_RETURN_SECONDS = 600;
