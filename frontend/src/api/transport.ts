import type {
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
  PlaceOrder,
  RegisterRequest,
  ShopSettings,
  StatusChange,
  Summary,
  TokenPair,
} from './types';
import type { SessionStore } from './session';

export type StreamStatus = 'connecting' | 'online' | 'offline' | 'unavailable';

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
  pairDevice(code: string): Promise<TokenPair>;
  logout(): Promise<void>;
  getMenu(): Promise<MenuView>;
  patchItem(id: string, patch: ItemPatch): Promise<ItemView>;
  placeOrder(body: PlaceOrder, idempotencyKey?: string): Promise<Order>;
  listOrders(statuses: OrderStatus[]): Promise<OrderList>;
  getOrder(id: string): Promise<Order>;
  setOrderStatus(id: string, change: StatusChange): Promise<Order>;
  addPayment(id: string, payment: PaymentRequest): Promise<Order>;
  getSummary(from: string, to: string): Promise<Summary>;
  getSettings(): Promise<ShopSettings>;
  /** Customers by part of a name, e-mail or phone (cashier, admin). */
  searchCustomers(q: string): Promise<CustomerList>;
  createCustomer(c: NewCustomer): Promise<CustomerSummary>;
  /** Every order of the range as CSV text (admin). */
  ordersCsv(from: string, to: string): Promise<string>;
  /** The signed-in customer's own orders, newest first. */
  myOrders(): Promise<OrderList>;
  createPairingCode(name: string): Promise<PairingCode>;
  listDevices(): Promise<DeviceList>;
  revokeDevice(id: string): Promise<void>;
  /** Follows live events until the returned function is called; reconnects by itself. */
  subscribeEvents(handlers: EventHandlers): () => void;
}
