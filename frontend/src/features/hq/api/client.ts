import { createHttpCore, type CoreOptions, type StreamHandlers } from '../../../api/http-core';
import { SessionStore, memoryStore } from '../../../api/session';
import type { Daily, HqShopList, HqTokenPair, Items, MenuState, MenuVersions, Methods, Published } from './types';

/** Where the owner's head-office sign-in is kept: apart from the shop's (`crema.session`). */
export const HQ_SESSION_KEY = 'crema.hq.session';

export type HqSessionStore = SessionStore<string>;

/** Head office's API for the owners' screens, over its own sign-in. */
export function createHqApi(opts: CoreOptions<string>) {
  const session = opts.session;
  const core = createHttpCore({ lockName: 'crema-hq-token-refresh', ...opts });
  const { request } = core;
  const enc = encodeURIComponent;
  const range = (from: string, to: string) => `from=${enc(from)}&to=${enc(to)}`;
  return {
    session,
    login: (body: { username: string; password: string }) => core.signIn<HqTokenPair>('/api/auth/login', body, body.username),
    async logout() {
      const s = session.get();
      if (s) {
        try {
          await core.rawFetch('/api/auth/logout', { method: 'POST', headers: { Authorization: `Bearer ${s.accessToken}` } });
        } catch {
          // signing out here is what matters
        }
      }
      session.clear('signed_out');
    },
    shops: () => request<HqShopList>('GET', '/api/hq/shops', { cache: 'no-store' }),
    daily: (from: string, to: string) => request<Daily>('GET', `/api/hq/reports/daily?${range(from, to)}`, { cache: 'no-store' }),
    items: (from: string, to: string, limit = 10) =>
      request<Items>('GET', `/api/hq/reports/items?${range(from, to)}&limit=${limit}`, { cache: 'no-store' }),
    payments: (from: string, to: string) => request<Methods>('GET', `/api/hq/reports/payments?${range(from, to)}`, { cache: 'no-store' }),
    dailyCsv: (from: string, to: string) =>
      request<Blob>('GET', `/api/hq/reports/daily.csv?${range(from, to)}`, { as: 'blob', cache: 'no-store', headers: { Accept: 'text/csv' } }),
    menu: () => request<MenuState>('GET', '/api/hq/menu', { cache: 'no-store' }),
    importMenu: (shopId: string) => request<MenuState>('POST', '/api/hq/menu/import', { body: { shop_id: shopId } }),
    publishMenu: () => request<Published>('POST', '/api/hq/menu/publish'),
    menuVersions: () => request<MenuVersions>('GET', '/api/hq/menu/versions', { cache: 'no-store' }),
    /** Head office's live events (`shop.synced`, `menu.published`, `menu.applied`); `unavailable` where it has none. */
    subscribe: (h: StreamHandlers) => core.stream('/api/hq/stream', h),
  };
}

export type HqApi = ReturnType<typeof createHqApi>;

const storage = typeof localStorage !== 'undefined' ? localStorage : memoryStore();

/** The owners' screens' one head-office API handle. */
export const hq: HqApi = createHqApi({ session: new SessionStore<string>(storage, Date.now, HQ_SESSION_KEY) });
