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

// Device pairing is in the server's v1 plan but not yet in openapi.json. Until it is,
// these fall back to the announced shapes; once the generated schema has them, the
// generated types win automatically.
type Gen<K extends string, Fallback> = K extends keyof S ? S[K] : Fallback;
export type PairingCode = Gen<'PairingCode', { code: string; name: string; expires_at: string }>;
export type Device = Gen<'Device', { id: string; name: string; created_at: string; revoked: boolean }>;
export type DeviceList = Gen<'DeviceList', { devices: Device[] }>;

/** The events `GET /api/events` sends, with their payloads. */
export type CremaEvent =
  | { type: 'order.created'; order: Order }
  | { type: 'order.updated'; order: Order }
  | { type: 'menu.updated'; menu: MenuView }
  | { type: 'resync' };
