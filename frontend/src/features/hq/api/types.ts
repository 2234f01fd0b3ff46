import type { components } from '../../../api/hq-schema';

type S = components['schemas'];

/** Generated from head office's OpenAPI document (`npm run gen:api:hq`). */
export type HqMoney = S['Money'];
export type HqTokenPair = S['TokenPair'];
export type Daily = S['Daily'];
export type DayFigures = S['DayFigures'];
export type Items = S['Items'];
export type Methods = S['Methods'];

/**
 * A shop as `GET /api/hq/shops` lists it. `menu_version` (the master menu version it
 * runs) comes with the menu roll-out; until head office sends it, it is absent.
 */
export type HqShop = S['ShopSummary'] & { menu_version?: number | null };
export interface HqShopList {
  shops: HqShop[];
}

// The menu roll-out (`/api/hq/menu…`), written by hand from its agreed shapes while those
// endpoints are being built; once head office's document has them, these become
// aliases of the generated types like the ones above.

export interface MasterItem {
  id: string;
  name: string;
  description?: string | null;
  price: HqMoney;
  tax_class: string;
  sort_order: number;
  /** The item's option groups (their shape is the shop's menu's; the screens count them). */
  modifier_groups: unknown[];
}

export interface MasterCategory {
  id: string;
  name: string;
  sort_order: number;
  items: MasterItem[];
}

export interface MasterMenu {
  currency: string;
  categories: MasterCategory[];
}

/** `GET /api/hq/menu`, and the answer of an import. */
export interface MenuState {
  draft: MasterMenu | null;
  draft_updated_at: string | null;
  draft_source: { shop_id: string; name: string } | null;
  published: { version: number; published_at: string } | null;
  unpublished_changes: boolean;
}

/** `POST /api/hq/menu/publish`. */
export interface Published {
  version: number;
  published_at: string;
}

/** `GET /api/hq/menu/versions`: every version published, and which one each shop runs. */
export interface MenuVersions {
  versions: { version: number; published_at: string; categories: number; items: number }[];
  shops: { shop_id: string; name: string; menu_version: number | null; menu_applied_at: string | null }[];
}

/** Live events of `GET /api/hq/stream`. */
export type HqEventName = 'shop.synced' | 'menu.published' | 'menu.applied';
