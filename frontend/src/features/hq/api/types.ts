import type { components } from '../../../api/hq-schema';

type S = components['schemas'];

/** Generated from head office's OpenAPI document (`npm run gen:api:hq`). */
export type HqMoney = S['Money'];
export type HqTokenPair = S['TokenPair'];
export type Daily = S['Daily'];
export type DayFigures = S['DayFigures'];
export type Items = S['Items'];
export type Methods = S['Methods'];

/** A shop as `GET /api/hq/shops` lists it, with the master menu version it runs. */
export type HqShop = S['ShopSummary'];
export interface HqShopList {
  shops: HqShop[];
}

/** The menu roll-out (`/api/hq/menu…`). */
export type MasterMenu = S['MasterMenu'];
export type MasterCategory = S['MasterCategory'];
export type MasterItem = S['MasterItem'];
/** `GET /api/hq/menu`, and the answer of an import. */
export type MenuState = S['MenuState'];
/** `POST /api/hq/menu/publish`. */
export type Published = S['PublishedVersion'];
/** `GET /api/hq/menu/versions`: every version published, and which one each shop runs. */
export type MenuVersions = S['Versions'];

/** Live events of `GET /api/hq/stream`. */
export type HqEventName = 'shop.synced' | 'menu.published' | 'menu.applied';
