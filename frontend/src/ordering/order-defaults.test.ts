import { describe, expect, it } from 'vitest';
import type { ShopSettings } from '../api';
import { missingTable, orderDefaults } from './order-defaults';

const base = { shop_name: 'Café', currency: 'EUR', tax_mode: 'inclusive', tax_rate_bps: 1900 } as ShopSettings;

describe('how a sale starts', () => {
  it('is takeaway with an optional table when the shop says nothing (today\'s server)', () => {
    expect(orderDefaults(base)).toEqual({ type: 'takeaway', tablesRequired: false });
    expect(orderDefaults(undefined)).toEqual({ type: 'takeaway', tablesRequired: false });
  });
  it('follows the shop\'s default type and table service', () => {
    expect(orderDefaults({ ...base, default_order_type: 'dine_in', uses_tables: true } as ShopSettings)).toEqual({ type: 'dine_in', tablesRequired: true });
  });
  it('ignores values it does not know', () => {
    expect(orderDefaults({ ...base, default_order_type: 'delivery', uses_tables: 'yes' } as unknown as ShopSettings)).toEqual({ type: 'takeaway', tablesRequired: false });
  });
  it('asks for a table only for eat-in where tables are used', () => {
    const tables = { type: 'takeaway' as const, tablesRequired: true };
    expect(missingTable('dine_in', ' ', tables)).toBe(true);
    expect(missingTable('dine_in', '7', tables)).toBe(false);
    expect(missingTable('takeaway', '', tables)).toBe(false);
    expect(missingTable('dine_in', '', { ...tables, tablesRequired: false })).toBe(false);
  });
});
