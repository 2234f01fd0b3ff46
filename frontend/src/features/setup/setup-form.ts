import type { FirstRun } from '../../api';
import { parsePercentBps } from '../../ui/decimal';

/** Currencies offered in the first-run form (ISO 4217); EUR first and the default. */
export const CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF', 'SEK', 'NOK', 'DKK', 'PLN', 'CZK', 'HUF', 'CAD', 'AUD', 'NZD', 'JPY'] as const;

export interface CashierRow {
  name: string;
  pin: string;
}

/** The first-run form: everything as typed until it is sent. */
export interface SetupForm {
  shop_name: string;
  currency: string;
  tax_mode: FirstRun['tax_mode'];
  /** percent as typed, "19" or "7,5" */
  tax_rate: string;
  admin_username: string;
  admin_password: string;
  admin_password2: string;
  cashiers: CashierRow[];
  demo_menu: boolean;
}

/** i18n keys under `setup.invalid` */
export type SetupProblem =
  | 'shopName'
  | 'currency'
  | 'taxRate'
  | 'username'
  | 'passwordShort'
  | 'passwordMismatch'
  | 'cashierName'
  | 'cashierNameDuplicate'
  | 'pin'
  | 'pinDuplicate';

/** `shop_name`, …, and per cashier row `cashier_name_<i>` / `cashier_pin_<i>`. */
export type SetupField =
  | 'shop_name'
  | 'currency'
  | 'tax_rate'
  | 'admin_username'
  | 'admin_password'
  | 'admin_password2'
  | `cashier_name_${number}`
  | `cashier_pin_${number}`;

export type SetupProblems = Partial<Record<SetupField, SetupProblem>>;

export function emptySetupForm(): SetupForm {
  return {
    shop_name: '',
    currency: 'EUR',
    tax_mode: 'inclusive',
    tax_rate: '0',
    admin_username: '',
    admin_password: '',
    admin_password2: '',
    cashiers: [{ name: '', pin: '' }],
    demo_menu: true,
  };
}

const PIN = /^\d{6,8}$/;

/** The server's rules, checked before sending (the server checks again and its word wins). */
export function formToFirstRun(f: SetupForm, locale: string): { ok: true; firstRun: FirstRun } | { ok: false; problems: SetupProblems } {
  const p: SetupProblems = {};
  const shop = f.shop_name.trim();
  if (shop.length < 1 || [...shop].length > 80) p.shop_name = 'shopName';
  const currency = f.currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) p.currency = 'currency';
  // Percent text → basis points by string handling: "7,5" (de) → 750; never through floats.
  const rate = parsePercentBps(f.tax_rate.trim() || '0', locale);
  if (!rate.ok) p.tax_rate = 'taxRate';
  const username = f.admin_username.trim();
  if (username.length < 1 || [...username].length > 40 || /\s/.test(username)) p.admin_username = 'username';
  if ([...f.admin_password].length < 8) p.admin_password = 'passwordShort';
  else if (f.admin_password !== f.admin_password2) p.admin_password2 = 'passwordMismatch';

  const names = new Set<string>([username.toLowerCase()]);
  const pins = new Set<string>();
  const cashiers = f.cashiers.map((c) => ({ name: c.name.trim(), pin: c.pin.trim() }));
  cashiers.forEach((c, i) => {
    // The server makes the username from the name: words joined by dots, lower case.
    const key = c.name.split(/\s+/).join('.').toLowerCase();
    if (c.name.length < 1 || [...c.name].length > 64) p[`cashier_name_${i}`] = 'cashierName';
    else if (names.has(key)) p[`cashier_name_${i}`] = 'cashierNameDuplicate';
    names.add(key);
    if (!PIN.test(c.pin)) p[`cashier_pin_${i}`] = 'pin';
    else if (pins.has(c.pin)) p[`cashier_pin_${i}`] = 'pinDuplicate';
    pins.add(c.pin);
  });
  if (Object.keys(p).length) return { ok: false, problems: p };
  return {
    ok: true,
    firstRun: {
      shop_name: shop,
      currency,
      tax_mode: f.tax_mode,
      tax_rate_bps: rate.ok ? rate.value : 0,
      admin_username: username,
      admin_password: f.admin_password,
      cashiers,
      demo_menu: f.demo_menu,
      // Business days and report hours follow the counter PC's zone (changed later in Admin → Settings).
      ...(localTimeZone() ? { timezone: localTimeZone() } : {}),
    },
  };
}

/** This computer's IANA time zone, e.g. Europe/Berlin (undefined where the browser does not say). */
export function localTimeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
  } catch {
    return undefined;
  }
}

/** Where a server refusal belongs in the form, by its code (null: a message for the whole form). */
export function fieldForServerCode(code: string): SetupField | null {
  if (code.includes('password')) return 'admin_password';
  if (code.includes('currency')) return 'currency';
  if (code.includes('tax')) return 'tax_rate';
  if (code.includes('username')) return 'admin_username';
  if (code.includes('shop')) return 'shop_name';
  return null;
}
