import { describe, expect, it } from 'vitest';
import type { ShopSettings } from '../../api';
import { DEFAULT_RETURN_SECONDS, parseReturnSeconds, returnSeconds, saveReturnSeconds } from './return-after';

function memory() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) };
}
const shop = { shop_name: 'Café', currency: 'EUR', tax_mode: 'inclusive', tax_rate_bps: 1900 } as ShopSettings;

describe('when the kiosk returns to the menu', () => {
  it('defaults to 30 s', () => {
    expect(returnSeconds(memory())).toBe(DEFAULT_RETURN_SECONDS);
    expect(DEFAULT_RETURN_SECONDS).toBe(30);
  });
  it('follows the tablet\'s own setting', () => {
    const s = memory();
    saveReturnSeconds(s, 12);
    expect(returnSeconds(s, shop)).toBe(12);
  });
  it('lets a shop setting win once the server has one', () => {
    const s = memory();
    saveReturnSeconds(s, 12);
    expect(returnSeconds(s, { ...shop, kiosk_return_seconds: 45 } as ShopSettings)).toBe(45);
  });
  it('accepts whole seconds from 5 to 600 only', () => {
    expect(parseReturnSeconds('20')).toBe(20);
    expect(parseReturnSeconds(4)).toBeNull();
    expect(parseReturnSeconds(601)).toBeNull();
    expect(parseReturnSeconds('2.5')).toBeNull();
    expect(parseReturnSeconds('abc')).toBeNull();
    const s = memory();
    s.setItem('crema.kiosk.returnSeconds', 'nonsense');
    expect(returnSeconds(s)).toBe(DEFAULT_RETURN_SECONDS);
  });
});
