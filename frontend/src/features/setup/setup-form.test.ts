import { describe, expect, it } from 'vitest';
import { emptySetupForm, fieldForServerCode, formToFirstRun, type SetupForm } from './setup-form';

const filled = (patch: Partial<SetupForm> = {}): SetupForm => ({
  ...emptySetupForm(),
  shop_name: ' Café Kranz ',
  tax_rate: '19',
  admin_username: 'owner',
  admin_password: 'correct horse',
  admin_password2: 'correct horse',
  cashiers: [
    { name: 'Maria', pin: '123456' },
    { name: ' Jonas ', pin: '987654' },
  ],
  ...patch,
});

describe('first-run setup form', () => {
  it('starts with EUR, prices including tax, one empty cashier and the demo menu on', () => {
    const f = emptySetupForm();
    expect(f).toMatchObject({ currency: 'EUR', tax_mode: 'inclusive', demo_menu: true, cashiers: [{ name: '', pin: '' }] });
  });

  it('builds the FirstRun object it sends', () => {
    expect(formToFirstRun(filled(), 'en')).toEqual({
      ok: true,
      firstRun: {
        shop_name: 'Café Kranz',
        currency: 'EUR',
        tax_mode: 'inclusive',
        tax_rate_bps: 1900,
        admin_username: 'owner',
        admin_password: 'correct horse',
        cashiers: [
          { name: 'Maria', pin: '123456' },
          { name: 'Jonas', pin: '987654' },
        ],
        demo_menu: true,
        // The counter PC's zone goes with it.
        timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      },
    });
    const r = formToFirstRun(filled({ currency: 'chf', tax_mode: 'exclusive', demo_menu: false }), 'en');
    expect(r.ok && r.firstRun).toMatchObject({ currency: 'CHF', tax_mode: 'exclusive', demo_menu: false });
  });

  it('turns percent into basis points with integer math, in either locale', () => {
    const bps = (rate: string, locale = 'en') => {
      const r = formToFirstRun(filled({ tax_rate: rate }), locale);
      return r.ok ? r.firstRun.tax_rate_bps : r.problems.tax_rate;
    };
    expect(bps('7.7')).toBe(770);
    expect(bps('8.1')).toBe(810); // 8.1 * 100 is 809.9999999999999 in floats
    expect(bps('7,5', 'de')).toBe(750);
    expect(bps('12.25')).toBe(1225);
    expect(bps('')).toBe(0);
    expect(bps('100')).toBe(10_000);
    expect(bps('12.345')).toBe('taxRate');
    expect(bps('101')).toBe('taxRate');
    expect(bps('-5')).toBe('taxRate');
    expect(bps('ten')).toBe('taxRate');
  });

  it('refuses a short password and a confirmation that does not match', () => {
    expect(formToFirstRun(filled({ admin_password: 'short', admin_password2: 'short' }), 'en')).toEqual({ ok: false, problems: { admin_password: 'passwordShort' } });
    expect(formToFirstRun(filled({ admin_password2: 'correct horse!' }), 'en')).toEqual({ ok: false, problems: { admin_password2: 'passwordMismatch' } });
  });

  it('needs distinct PINs of 6 to 8 digits and a distinct name for every cashier', () => {
    const r = formToFirstRun(
      filled({
        cashiers: [
          { name: 'Maria', pin: '123456' },
          { name: 'Jonas', pin: '123456' },
          { name: 'maria', pin: '123' },
          { name: '', pin: '123456789' },
          { name: 'Owner', pin: '12a4' },
          { name: 'Anna  Lena', pin: '444444' },
          { name: 'anna.lena', pin: '555555' },
        ],
      }),
      'en',
    );
    expect(r).toEqual({
      ok: false,
      problems: {
        cashier_pin_1: 'pinDuplicate',
        cashier_name_2: 'cashierNameDuplicate',
        cashier_pin_2: 'pin',
        cashier_name_3: 'cashierName',
        cashier_pin_3: 'pin',
        cashier_name_4: 'cashierNameDuplicate',
        cashier_pin_4: 'pin',
        cashier_name_6: 'cashierNameDuplicate',
      },
    });
  });

  it('checks shop name, currency and username', () => {
    expect(formToFirstRun(filled({ shop_name: '  ', currency: 'EURO', admin_username: 'the owner' }), 'en')).toEqual({
      ok: false,
      problems: { shop_name: 'shopName', currency: 'currency', admin_username: 'username' },
    });
  });

  it('places a server refusal next to the field its code names', () => {
    expect(fieldForServerCode('weak_password')).toBe('admin_password');
    expect(fieldForServerCode('invalid_currency')).toBe('currency');
    expect(fieldForServerCode('already_set_up')).toBeNull();
  });
});
