import type { ShopSettings } from '../../../api';
import { formatBps, formatDecimal, parseDecimal, parsePercentBps } from '../../../ui/decimal';
import { minorDigits } from '../../../ui/money';
import { MAX_RETURN_SECONDS, MIN_RETURN_SECONDS } from '../../../ordering/order-defaults';
import { draftsToTaxClasses, STANDARD_CLASS, taxClassesToDrafts, type TaxClassDraft, type TaxClassProblems } from './tax-classes';

/** The settings form: numbers as text until saved. */
export interface SettingsForm {
  shop_name: string;
  currency: string;
  tax_mode: ShopSettings['tax_mode'];
  tax_classes: TaxClassDraft[];
  receipt_header: string;
  receipt_footer: string;
  ticket_amber_minutes: string;
  ticket_red_minutes: string;
  regular_after_visits: string;
  default_order_type: NonNullable<ShopSettings['default_order_type']>;
  uses_tables: boolean;
  kitchen_gets_unpaid_orders: boolean;
  /** Empty: the server's configured zone. */
  timezone: string;
  /** Empty: each kiosk's own choice. */
  kiosk_return_seconds: string;
  /** A cashier refunds up to this amount alone (in the shop's currency). */
  cashier_refund_limit: string;
  /** A cashier discounts up to this percentage of the order alone. */
  cashier_discount_limit: string;
}

export type SettingsField = Exclude<keyof SettingsForm, 'tax_classes' | 'default_order_type' | 'uses_tables' | 'kitchen_gets_unpaid_orders' | 'timezone'>;
/** i18n keys under `admin.settings.invalid` */
export type SettingsProblem = 'shopName' | 'currency' | 'receiptText' | 'minutes' | 'amberBeforeRed' | 'visits' | 'returnSeconds' | 'refundLimit' | 'discountLimit';

export function settingsToForm(s: ShopSettings, locale: string): SettingsForm {
  return {
    shop_name: s.shop_name,
    currency: s.currency,
    tax_mode: s.tax_mode,
    tax_classes: taxClassesToDrafts(s, locale),
    receipt_header: s.receipt_header ?? '',
    receipt_footer: s.receipt_footer ?? '',
    ticket_amber_minutes: String(s.ticket_amber_minutes ?? 5),
    ticket_red_minutes: String(s.ticket_red_minutes ?? 10),
    regular_after_visits: String(s.regular_after_visits ?? 5),
    default_order_type: s.default_order_type ?? 'takeaway',
    uses_tables: s.uses_tables ?? false,
    kitchen_gets_unpaid_orders: s.kitchen_gets_unpaid_orders ?? true,
    timezone: s.timezone ?? '',
    kiosk_return_seconds: s.kiosk_return_seconds == null ? '' : String(s.kiosk_return_seconds),
    cashier_refund_limit: formatDecimal(s.cashier_refund_limit ?? 2000, minorDigits(s.currency), locale),
    cashier_discount_limit: formatBps(s.cashier_discount_limit ?? 1000, locale),
  };
}

const whole = (s: string) => (/^\d{1,6}$/.test(s.trim()) ? Number.parseInt(s.trim(), 10) : NaN);

/** The server's rules, checked before sending (the server checks again and its word wins). */
export function formToSettings(
  f: SettingsForm,
  locale: string,
):
  | { ok: true; settings: ShopSettings }
  | { ok: false; problems: Partial<Record<SettingsField, SettingsProblem>>; classProblems: TaxClassProblems[] } {
  const p: Partial<Record<SettingsField, SettingsProblem>> = {};
  const name = f.shop_name.trim();
  if (name.length < 1 || [...name].length > 80) p.shop_name = 'shopName';
  const currency = f.currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) p.currency = 'currency';
  const classes = draftsToTaxClasses(f.tax_classes, locale);
  if ([...f.receipt_header].length > 500) p.receipt_header = 'receiptText';
  if ([...f.receipt_footer].length > 500) p.receipt_footer = 'receiptText';
  const amber = whole(f.ticket_amber_minutes);
  const red = whole(f.ticket_red_minutes);
  const inRange = (n: number) => n >= 1 && n <= 240;
  if (!inRange(amber)) p.ticket_amber_minutes = 'minutes';
  if (!inRange(red)) p.ticket_red_minutes = 'minutes';
  else if (inRange(amber) && amber >= red) p.ticket_red_minutes = 'amberBeforeRed';
  const visits = whole(f.regular_after_visits);
  if (!(visits >= 1 && visits <= 1000)) p.regular_after_visits = 'visits';
  const kioskReturn = f.kiosk_return_seconds.trim() === '' ? null : whole(f.kiosk_return_seconds);
  if (kioskReturn !== null && !(kioskReturn >= MIN_RETURN_SECONDS && kioskReturn <= MAX_RETURN_SECONDS)) p.kiosk_return_seconds = 'returnSeconds';
  // The server's bounds: a refund limit up to 1 000 000.00, a discount limit up to 100 %.
  const refundLimit = parseDecimal(f.cashier_refund_limit, { digits: minorDigits(p.currency ? 'EUR' : currency), locale });
  if (!refundLimit.ok || refundLimit.value > 100_000_000) p.cashier_refund_limit = 'refundLimit';
  const discountLimit = f.cashier_discount_limit.trim() === '' ? ({ ok: true, value: 0 } as const) : parsePercentBps(f.cashier_discount_limit, locale);
  if (!discountLimit.ok) p.cashier_discount_limit = 'discountLimit';
  if (Object.keys(p).length || !classes.ok || !refundLimit.ok || !discountLimit.ok) return { ok: false, problems: p, classProblems: classes.ok ? [] : classes.problems };
  return {
    ok: true,
    settings: {
      shop_name: name,
      currency,
      tax_mode: f.tax_mode,
      // The server follows the standard class's takeaway rate; sent the same so nothing disagrees.
      tax_rate_bps: classes.classes.find((c) => c.id === STANDARD_CLASS)?.takeaway_bps ?? 0,
      tax_classes: classes.classes,
      receipt_header: f.receipt_header,
      receipt_footer: f.receipt_footer,
      ticket_amber_minutes: amber,
      ticket_red_minutes: red,
      regular_after_visits: visits,
      default_order_type: f.default_order_type,
      uses_tables: f.uses_tables,
      kitchen_gets_unpaid_orders: f.kitchen_gets_unpaid_orders,
      timezone: f.timezone || null,
      kiosk_return_seconds: kioskReturn,
      cashier_refund_limit: refundLimit.value,
      cashier_discount_limit: discountLimit.value,
    },
  };
}
