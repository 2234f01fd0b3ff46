// Aliases for the generated OpenAPI types (schema.d.ts is generated; never edit it by hand).
import type { components } from './schema';

type S = components['schemas'];
export type Money = S['Money'];
export type MenuView = S['MenuView'];
export type CategoryView = S['CategoryView'];
export type ItemView = S['ItemView'];
export type ItemPatch = S['ItemPatch'];
export type ModifierGroupView = S['ModifierGroupView'];
export type ModifierOptionView = S['ModifierOptionView'];
export type Order = S['Order'];
export type OrderLine = S['OrderLine'];
export type OrderList = S['OrderList'];
export type OrderStatus = S['OrderStatus'];
export type OrderType = S['OrderType'];
export type PaymentMethod = S['PaymentMethod'];
export type PaymentRequest = S['PaymentRequest'];
export type PlaceOrder = S['PlaceOrder'];
export type PlaceLine = S['PlaceLine'];
export type StatusChange = S['StatusChange'];
export type LoginRequest = S['LoginRequest'];
export type RegisterRequest = S['RegisterRequest'];
export type TokenPair = S['TokenPair'];
export type Role = S['Role'];
export type Summary = S['Summary'];
export type Health = S['Health'];
export type ErrorBody = S['ErrorBody'];

export type PairingCode = S['PairingCode'];
export type Device = S['Device'];
export type DeviceList = S['DeviceList'];
export type ShopSettings = S['ShopSettings'];
export type CustomerSummary = S['CustomerSummary'];
export type CustomerList = S['CustomerList'];
export type NewCustomer = S['NewCustomer'];

// Admin panel
export type CategoryInfo = S['CategoryInfo'];
export type CategoryList = S['CategoryList'];
export type CategoryInput = S['CategoryInput'];
export type CategoryPatch = S['CategoryPatch'];
export type ItemInput = S['ItemInput'];
export type GroupInput = S['GroupInput'];
export type OptionInput = S['OptionInput'];
export type CouponKind = S['Kind'];
export type CouponView = S['CouponView'];
export type CouponList = S['CouponList'];
export type NewCoupon = S['NewCoupon'];
export type CouponTerms = S['CouponTerms'];
export type StaffAccount = S['StaffAccount'];
export type StaffList = S['StaffList'];
export type StaffUser = S['StaffUser'];
export type NewStaff = S['NewStaff'];
export type StaffChange = S['StaffChange'];
export type TaxMode = S['TaxMode'];

// ---------------------------------------------------------------------------
// TEMPORARY: hand-written until the generated schema.d.ts has these types
// (printer, first-run setup, desktop server info and updates). Replace each with
// `S['Name']` as soon as it appears there, then delete this block.
export interface PrintJobView {
  id: string;
  kind: 'receipt' | 'test' | 'drawer';
  order_number: number | null;
  attempts: number;
  last_error: string | null;
  queued_at: string;
}
export interface PrinterStatus {
  configured: boolean;
  online: boolean | null;
  pending: PrintJobView[];
  last_error: string | null;
}
export interface PrinterSettings {
  /** Empty: no network printer. */
  host: string;
  port: number;
  paper_width_mm: 58 | 80;
  auto_print: boolean;
  open_drawer_on_cash: boolean;
}
export interface SetupStatus {
  needed: boolean;
}
export interface FirstRunCashier {
  name: string;
  /** 4 to 8 digits */
  pin: string;
}
export interface FirstRun {
  shop_name: string;
  /** ISO 4217 code such as EUR */
  currency: string;
  tax_mode: 'inclusive' | 'exclusive';
  /** 1000 = 10 % */
  tax_rate_bps: number;
  admin_username: string;
  /** at least 8 characters */
  admin_password: string;
  cashiers: FirstRunCashier[];
  demo_menu: boolean;
}
export interface ServerInfo {
  running: boolean;
  bind: string;
  port: number | null;
  /** e.g. http://192.168.1.20:8080/ */
  urls: string[];
  error: { code: string; message: string } | null;
  suggested_port: number | null;
}
export interface UpdateInfo {
  enabled: boolean;
  current_version: string;
  available: boolean;
  version: string | null;
  notes: string | null;
}
// END TEMPORARY
// ---------------------------------------------------------------------------

/** The events `GET /api/events` sends, with their payloads. */
export type CremaEvent =
  | { type: 'order.created'; order: Order }
  | { type: 'order.updated'; order: Order }
  | { type: 'menu.updated'; menu: MenuView }
  | { type: 'settings.updated'; settings: ShopSettings }
  | { type: 'printer.status'; status: PrinterStatus }
  | { type: 'resync' };
