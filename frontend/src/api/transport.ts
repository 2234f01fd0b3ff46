import type {
  AuditPage,
  SyncStatus,
  Quote,
  DeviceKind,
  CategoryInfo,
  CategoryInput,
  CategoryList,
  CategoryPatch,
  CouponBatch,
  CouponList,
  CouponTerms,
  CouponView,
  GroupEntry,
  ItemInput,
  LibraryGroupInput,
  LibraryGroupList,
  LibraryGroupView,
  NewBatch,
  NewCoupon,
  LoyaltyView,
  NewStaff,
  StaffAccount,
  StaffChange,
  StaffList,
  StaffUser,
  CremaEvent,
  CustomerList,
  CustomerSummary,
  NewCustomer,
  DeviceList,
  Health,
  ItemPatch,
  ItemView,
  LoginRequest,
  MenuView,
  Order,
  OrderList,
  OrderStatus,
  PairingCode,
  PaymentRequest,
  RefundRequest,
  PlaceOrder,
  RegisterRequest,
  ShopSettings,
  StatusChange,
  Summary,
  TokenPair,
  PrinterStatus,
  PrinterSettings,
  PrintJobView,
  StationPrinter,
  StationPrinterStatus,
  StationPrinterView,
  SetupStatus,
  FirstRun,
  ServerInfo,
  UpdateInfo,
  Shift,
  OpenShift,
  CashMovement,
  CloseShift,
  ZReport,
  Decision,
  Feedback,
  FeedbackList,
  FeedbackStatus,
  LeaveFeedback,
  Notification,
  NotificationList,
  PublicFeedbackList,
  ReadAll,
  TableInput,
  TableList,
  TablePatch,
  TableView,
} from './types';
import type { SessionStore } from './session';

export type StreamStatus = 'connecting' | 'online' | 'offline' | 'unavailable';

/** A page of the admins' inbox: its size, older than `before` (an id), unread only. */
export interface NotificationPage {
  limit?: number;
  before?: string;
  unread?: boolean;
}

/** The Z report as a file: CSV text or a PDF. */
export type ReportFormat = 'csv' | 'pdf';

/** A picture file to upload and the media type its bytes are. */
export interface PictureUpload {
  data: Blob;
  type: 'image/jpeg' | 'image/png' | 'image/webp';
}

export interface EventHandlers {
  onEvent: (e: CremaEvent) => void;
  onStatus?: (s: StreamStatus) => void;
}

/**
 * Everything the UI asks of Crema. The browser build implements it over HTTP
 * (fetch + SSE over fetch); the desktop app implements the same names over Tauri
 * `invoke`. Screens only ever see this interface.
 */
export interface CremaApi {
  readonly session: SessionStore;
  health(): Promise<Health>;
  login(body: LoginRequest): Promise<TokenPair>;
  loginWithPin(pin: string): Promise<TokenPair>;
  register(body: RegisterRequest): Promise<TokenPair>;
  /** Pairs this device: a kiosk is then signed in as itself; a staff terminal keeps its own sign-in for PINs. */
  pairDevice(code: string): Promise<TokenPair>;
  /** True on a browser paired as a staff terminal (staff may sign in here with a PIN). */
  isTerminal(): boolean;
  /** Whether the server would take a PIN from here (the counter PC, a paired terminal). */
  pinHere(): Promise<boolean>;
  logout(): Promise<void>;
  getMenu(): Promise<MenuView>;
  patchItem(id: string, patch: ItemPatch): Promise<ItemView>;
  placeOrder(body: PlaceOrder, idempotencyKey?: string): Promise<Order>;
  /** The server's prices for a cart (lines, discount, tax, total); nothing is written. */
  quoteOrder(body: PlaceOrder): Promise<Quote>;
  /** Orders in these statuses, oldest first; with `date` (`YYYY-MM-DD`) those of that business day. */
  listOrders(statuses: OrderStatus[], date?: string): Promise<OrderList>;
  getOrder(id: string): Promise<Order>;
  setOrderStatus(id: string, change: StatusChange): Promise<Order>;
  /** Back one stage (ready → in progress → placed); 409 `invalid_transition` otherwise. */
  stepOrderBack(id: string): Promise<Order>;
  /** Marks one line made (`done`) at its station, or to make again. */
  bumpOrderLine(id: string, lineNo: number, done: boolean): Promise<Order>;
  /** A payment; retried with the same `idempotencyKey` and body it is recorded once. */
  addPayment(id: string, payment: PaymentRequest, idempotencyKey?: string): Promise<Order>;
  /**
   * Gives money back (by amount, optionally by lines; `cancel` also cancels the order).
   * Retried with the same `idempotencyKey` and body it is recorded once.
   */
  refundOrder(id: string, refund: RefundRequest, idempotencyKey?: string): Promise<Order>;
  getSummary(from: string, to: string): Promise<Summary>;
  getSettings(): Promise<ShopSettings>;
  /** Customers by part of a name, e-mail or phone (cashier, admin). */
  searchCustomers(q: string): Promise<CustomerList>;
  createCustomer(c: NewCustomer): Promise<CustomerSummary>;
  /** Every order of the range as CSV text (admin). */
  ordersCsv(from: string, to: string): Promise<string>;
  /** The signed-in customer's own orders, newest first. */
  myOrders(): Promise<OrderList>;
  /** A one-time code for a customer kiosk (the default) or a staff terminal. */
  createPairingCode(name: string, kind?: DeviceKind): Promise<PairingCode>;
  /** The addresses tablets reach this server at, shop network first (staff at the counter). */
  serverInfo(): Promise<ServerInfo>;
  /** A page of the audit log, newest first, older than `before` (admin). */
  listAuditLog(before?: number, limit?: number): Promise<AuditPage>;
  /** Head office: enrolled or not, events waiting, the last push (admin, cashier). */
  syncStatus(): Promise<SyncStatus>;
  listDevices(): Promise<DeviceList>;
  revokeDevice(id: string): Promise<void>;
  // Admin panel (admin only unless noted). Every menu change sends `menu.updated`.
  /** Every category with its item count, empty ones included (public). */
  listCategories(): Promise<CategoryList>;
  createCategory(c: CategoryInput): Promise<CategoryInfo>;
  updateCategory(id: string, patch: CategoryPatch): Promise<CategoryInfo>;
  /** Refused with 409 `category_not_empty` while items are in it. */
  deleteCategory(id: string): Promise<void>;
  createItem(item: ItemInput): Promise<ItemView>;
  deleteItem(id: string): Promise<void>;
  /**
   * Gives an item its picture (a JPEG, PNG or WebP of at most 5 MiB, sent as the type it is);
   * the server makes `image_url` (tablets) and `image_thumb_url` (counter) of it.
   */
  setItemImage(id: string, picture: PictureUpload): Promise<ItemView>;
  /** Takes an item's picture away. */
  deleteItemImage(id: string): Promise<ItemView>;
  /** Replaces all of an item's modifier groups: its own, and library ones attached by `{library_group_id}`. */
  replaceModifierGroups(id: string, groups: GroupEntry[]): Promise<ItemView>;
  /** The library of modifier groups shared by items, each with the items that have it. */
  listModifierGroups(): Promise<LibraryGroupList>;
  createModifierGroup(g: LibraryGroupInput): Promise<LibraryGroupView>;
  /** Every item that has the group follows; options kept carry their `id`. */
  updateModifierGroup(id: string, g: LibraryGroupInput): Promise<LibraryGroupView>;
  /** Refused with 409 `modifier_group_in_use` (naming the items) while items have it. */
  deleteModifierGroup(id: string): Promise<void>;
  listCoupons(): Promise<CouponList>;
  createCoupon(c: NewCoupon): Promise<CouponView>;
  updateCoupon(code: string, terms: CouponTerms): Promise<CouponView>;
  deleteCoupon(code: string): Promise<void>;
  listUsers(): Promise<StaffList>;
  createUser(u: NewStaff): Promise<StaffUser>;
  /** 409 `cannot_disable_self` when an admin disables their own account. */
  updateUser(id: string, change: StaffChange): Promise<StaffAccount>;
  /** The whole settings object; 409 `currency_locked` once orders exist. */
  updateSettings(s: ShopSettings): Promise<ShopSettings>;
  // Receipt printer (cashier and admin; settings admin only). Changes send `printer.status`.
  printerStatus(): Promise<PrinterStatus>;
  getPrinterSettings(): Promise<PrinterSettings>;
  updatePrinterSettings(s: PrinterSettings): Promise<PrinterSettings>;
  /** Queues a test page; the job is printed in the background. */
  printTestPage(): Promise<PrintJobView>;
  /** Tries the pending print jobs again now; answers the printer's state. */
  retryPrints(): Promise<PrinterStatus>;
  /** Queues the drawer kick (409 `printer_not_configured` without a printer). */
  openDrawer(): Promise<PrintJobView>;
  /** Queues the order's receipt on the receipt printer. */
  printReceipt(orderId: string): Promise<PrintJobView>;
  // Kitchen stations' printers (admin; their queues also cashier and kitchen). Changes send `printer.station_status`.
  /** The stations (of the categories, and those with a printer), each with its printer and queue. */
  listStationPrinters(): Promise<StationPrinterView[]>;
  /** The queues of the stations that have a printer. */
  stationPrinterStatus(): Promise<StationPrinterStatus[]>;
  /** Sets a station's printer; an empty host removes it (404 for a station no category uses). */
  updateStationPrinter(station: string, printer: StationPrinter): Promise<StationPrinterView>;
  /** Queues a test page on a station's printer (409 `printer_not_configured` without one). */
  printStationTestPage(station: string): Promise<PrintJobView>;
  // The till's shift (cashier, admin): one open at a time.
  /** Opens a shift with its float; 409 `shift_open` while one is open. */
  openShift(body: OpenShift): Promise<Shift>;
  /** The open shift with the cash the drawer should hold now; 404 `no_open_shift` when none is. */
  currentShift(): Promise<Shift>;
  /** Cash put into the drawer (`in`) or taken out (`out`), with a reason. */
  moveShiftCash(movement: CashMovement): Promise<Shift>;
  /** Closes the open shift: the answer has the expected and counted cash and their difference. */
  closeShift(body: CloseShift): Promise<Shift>;
  /** Queues the open shift's X report on the receipt printer. */
  printXReport(): Promise<PrintJobView>;
  /** The Z report of a business day (`YYYY-MM-DD`, admin). */
  zReport(date: string): Promise<ZReport>;
  /** Queues the Z report of a business day on the receipt printer (admin). */
  printZReport(date: string): Promise<PrintJobView>;
  /** The Z report as a CSV or PDF file; only over HTTP (undefined in the desktop app). */
  readonly zReportFile?: (date: string, format: ReportFormat) => Promise<Blob>;
  // Regulars rewarded (HTTP and the desktop app; optional for transports without them).
  /** Makes a batch of coupons with random codes (admin). */
  readonly createCouponBatch?: (batch: NewBatch) => Promise<CouponBatch>;
  /** A batch of coupons as a CSV file (admin). */
  readonly couponBatchCsv?: (id: string) => Promise<Blob>;
  /** The signed-in customer's loyalty: lifetime spend, tier, points. */
  readonly myLoyalty?: () => Promise<LoyaltyView>;
  /** A customer's loyalty (cashier, admin). */
  readonly customerLoyalty?: (id: string) => Promise<LoyaltyView>;
  // Feedback (moderation admin only) and the admins' inbox (admin only).
  /** Rates an order once it is paid or completed: the customer or kiosk that placed it, once (409 `feedback_exists`). */
  leaveFeedback(orderId: string, body: LeaveFeedback): Promise<Feedback>;
  /** Feedback in a state, or all with the pending ones first. */
  listFeedback(status?: FeedbackStatus): Promise<FeedbackList>;
  moderateFeedback(id: string, decision: Decision): Promise<Feedback>;
  /** Approved feedback, newest first (anyone). */
  publicFeedback(): Promise<PublicFeedbackList>;
  /** The unread count and the newest notifications; each new one also comes live as `notification.created`. */
  listNotifications(page?: NotificationPage): Promise<NotificationList>;
  readNotification(id: string): Promise<Notification>;
  readAllNotifications(): Promise<ReadAll>;
  // Tables and their QR codes (admin); accepting guests' orders (cashier, admin).
  /** The tables in their order, each with the code its QR code carries (`/t/<code>`). */
  listTables(): Promise<TableList>;
  /** 409 `table_name_taken` when another table has the name. */
  createTable(t: TableInput): Promise<TableView>;
  /** Renames or moves a table; `new_code` replaces its code (the old QR code stops working). */
  updateTable(id: string, patch: TablePatch): Promise<TableView>;
  deleteTable(id: string): Promise<void>;
  /**
   * The tables' QR codes as a PDF to print, each for `<base>/t/<code>`; without `base`, the server's
   * own shop-network address. 400 `invalid_base_url`, 409 `no_tables`.
   */
  tablesSheet(base?: string): Promise<Blob>;
  /** Accepts a guest's order waiting for staff: the kitchen sees it from now on (409 `not_awaiting_accept`). */
  acceptOrder(id: string): Promise<Order>;
  // First run: `needed` until the shop has an owner account.
  setupStatus(): Promise<SetupStatus>;
  completeSetup(f: FirstRun): Promise<void>;
  /** Only in the desktop app (Tauri); undefined in a browser. */
  readonly desktop?: DesktopApi;
  /** Follows live events until the returned function is called; reconnects by itself. */
  subscribeEvents(handlers: EventHandlers): () => void;
}

/** What only the counter PC's desktop app can do (no HTTP equivalent). */
export interface DesktopApi {
  /** The built-in server that tablets and the kitchen board connect to. */
  serverInfo(): Promise<ServerInfo>;
  restartServer(port: number): Promise<ServerInfo>;
  checkUpdate(): Promise<UpdateInfo>;
  /** Downloads and installs the update, then the app restarts. */
  installUpdate(): Promise<void>;
}
