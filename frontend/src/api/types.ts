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
export type Payment = S['Payment'];
export type RefundRequest = S['RefundRequest'];
export type Refund = S['Refund'];
export type RefundLine = S['RefundLine'];
export type Approval = S['Approval'];
export type ManualDiscountRequest = S['ManualDiscountRequest'];
export type Discount = S['Discount'];
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
export type DeviceKind = S['DeviceKind'];
export type AuditEntry = S['AuditEntry'];
export type AuditPage = S['AuditPage'];
export type SyncStatus = S['SyncStatus'];
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
/** One of an item's groups as written: its own (`GroupInput`) or a library one (`{library_group_id}`). */
export type GroupEntry = S['GroupEntry'];
export type LibraryGroupView = S['LibraryGroupView'];
export type LibraryGroupList = S['LibraryGroupList'];
export type LibraryGroupInput = S['LibraryGroupInput'];
export type LibraryOptionInput = S['LibraryOptionInput'];
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
export type TaxClass = S['TaxClass'];
export type RateTax = S['RateTax'];
export type Quote = S['Quote'];
// Regulars rewarded
export type Tier = S['Tier'];
export type LoyaltySettings = S['LoyaltySettings'];
export type LoyaltyView = S['LoyaltyView'];
export type NewBatch = S['NewBatch'];
export type CouponBatch = S['Batch'];

// Receipt printer
export type PrinterStatus = S['PrinterStatus'];
export type PrinterSettings = S['PrinterSettings'];
export type PrintJobView = S['PrintJobView'];
export type PrintJobKind = S['PrintJobKind'];
// Kitchen stations' printers
export type StationPrinter = S['StationPrinter'];
export type StationPrinterStatus = S['StationPrinterStatus'];
export type StationPrinterView = S['StationPrinterView'];

// Shifts and the Z report
export type Shift = S['Shift'];
export type OpenShift = S['OpenShift'];
export type CashKind = S['CashKind'];
export type CashMovement = S['CashMovement'];
export type CloseShift = S['CloseShift'];
export type ZReport = S['ZReport'];
export type TaxLine = S['TaxLine'];
export type PaymentTotal = S['PaymentTotal'];

// First-run setup
export type SetupStatus = S['SetupStatus'];
export type FirstRun = S['FirstRun'];
export type NewCashier = S['NewCashier'];

// Feedback and the admins' inbox
export type LeaveFeedback = S['LeaveFeedback'];
export type Feedback = S['Feedback'];
export type FeedbackList = S['FeedbackList'];
export type FeedbackStatus = S['FeedbackStatus'];
export type Decision = S['Decision'];
export type PublicFeedback = S['PublicFeedback'];
export type PublicFeedbackList = S['PublicFeedbackList'];
export type Notification = S['Notification'];
export type NotificationKind = S['NotificationKind'];
export type NotificationList = S['NotificationList'];
export type ReadAll = S['ReadAll'];

// Tables and their QR codes (admin)
export type TableView = S['TableView'];
export type TableList = S['TableList'];
export type TableInput = S['TableInput'];
export type TablePatch = S['TablePatch'];

// Desktop app only
export type ServerInfo = S['ServerInfo'];
export type ServerProblem = S['ServerProblem'];
export type UpdateInfo = S['UpdateInfo'];

/** The events `GET /api/events` sends, with their payloads. */
export type CremaEvent =
  | { type: 'order.created'; order: Order }
  | { type: 'order.updated'; order: Order }
  | { type: 'order.eta'; eta: OrderEta }
  | { type: 'menu.updated'; menu: MenuView }
  | { type: 'settings.updated'; settings: ShopSettings }
  | { type: 'printer.status'; status: PrinterStatus }
  | { type: 'printer.station_status'; status: StationPrinterStatus }
  | { type: 'security.alert'; alert: SecurityAlert }
  | { type: 'shift.closed'; shift: Shift }
  | { type: 'notification.created'; notification: Notification }
  | { type: 'feedback.created' | 'feedback.moderated'; feedback: Feedback }
  | { type: 'feedback.public'; list: PublicFeedbackList }
  | { type: 'resync' };

/** `order.eta`: an open order's ready time, refined as the kitchen moves orders. */
export interface OrderEta {
  id: string;
  number: number;
  estimated_ready_at: string;
}

/** `security.alert` (admins only): e.g. a till locked after too many wrong PINs. */
export interface SecurityAlert {
  kind: 'device_locked' | (string & {});
  /** The lockout's key: `device:<id>`, `counter` or `local`. */
  source: string;
  /** The paired device's name, or the source where it is none. */
  device: string;
  /** How long PIN sign-in is locked there. */
  seconds: number;
}
/** A guest's session at a table (`POST /api/tables/{code}/session`). */
export type GuestSession = S['GuestSession'];
export type GuestTable = S['GuestTable'];
