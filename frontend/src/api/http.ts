import { ApiError } from './errors';
import { createHttpCore } from './http-core';
import { toEvent } from './sse';
import { SessionStore, TERMINAL_KEY, memoryStore } from './session';
import { rotateTokens } from './tokens';
import type { CremaApi, EventHandlers, NotificationPage, ReportFormat } from './transport';
import type { TokenPair } from './types';

export interface HttpOptions {
  session: SessionStore;
  /** A paired staff terminal's own sign-in, shown when staff sign in with a PIN. */
  terminal?: SessionStore;
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Wait before an event-stream reconnect; attempt counts from 1. */
  backoffMs?: (attempt: number) => number;
  /** Reconnect when nothing (not even a keep-alive) arrived for this long. */
  streamIdleMs?: number;
}

export function createHttpApi(opts: HttpOptions): CremaApi {
  const session = opts.session;
  const terminal = opts.terminal ?? new SessionStore(memoryStore(), Date.now, TERMINAL_KEY);
  const { rawFetch, request, signIn: coreSignIn, stream } = createHttpCore(opts);

  /** The terminal's access token (renewed when about to expire); null when this is no paired terminal. */
  let renewingTerminal: Promise<string | null> | null = null;
  function terminalToken(): Promise<string | null> {
    renewingTerminal ??= (async () => {
      const dev = terminal.get();
      if (!dev) return null;
      if (!terminal.isStale(dev)) return dev.accessToken;
      try {
        return terminal.setFromTokens(await rotateTokens(rawFetch, dev.refreshToken), dev.name).accessToken;
      } catch (err) {
        // Revoked by an admin (or its sign-in spent): this is no terminal any more.
        if (err instanceof ApiError && (err.status === 401 || err.status === 403)) {
          terminal.clear('expired');
          return null;
        }
        throw err;
      }
    })().finally(() => {
      renewingTerminal = null;
    });
    return renewingTerminal;
  }

  const signIn = (path: string, body: unknown, name?: string, headers?: Record<string, string>) =>
    coreSignIn<TokenPair>(path, body, name, headers);

  /** The shop's live events; after a reconnect, `resync` (events may have been missed). */
  function subscribeEvents(h: EventHandlers): () => void {
    return stream('/api/events', {
      onEvent: (raw) => {
        const ev = toEvent(raw.event, raw.data);
        if (ev) h.onEvent(ev);
      },
      onReconnect: () => h.onEvent({ type: 'resync' }),
      onStatus: h.onStatus,
    });
  }

  const enc = encodeURIComponent;
  return {
    session,
    health: () => request('GET', '/api/health', { auth: false }),
    login: (body) => signIn('/api/auth/login', body, body.username),
    // On a paired staff terminal the PIN goes with the terminal's own token, which is what
    // lets the server accept a PIN from this device (403 `pin_not_allowed` elsewhere).
    loginWithPin: async (pin) => {
      const device = await terminalToken();
      return signIn('/api/auth/pin', { pin }, undefined, device ? { Authorization: `Bearer ${device}` } : undefined);
    },
    register: (body) => request<TokenPair>('POST', '/api/customers/register', { body, auth: false }).then((t) => {
      session.setFromTokens(t, body.email);
      return t;
    }),
    // A kiosk is signed in as itself; a staff terminal keeps its sign-in apart, for PINs.
    pairDevice: async (code) => {
      const t = await request<TokenPair>('POST', '/api/devices/pair', { body: { code }, auth: false });
      if (t.device_kind === 'terminal') terminal.setFromTokens(t);
      else session.setFromTokens(t);
      return t;
    },
    isTerminal: () => terminal.get() !== null,
    pinHere: async () => {
      const device = await terminalToken();
      const r = await request<{ allowed: boolean }>('GET', '/api/auth/pin', { auth: false, cache: 'no-store', headers: device ? { Authorization: `Bearer ${device}` } : undefined });
      return r.allowed;
    },
    async logout() {
      const s = session.get();
      if (s) {
        try {
          await rawFetch('/api/auth/logout', { method: 'POST', headers: { Authorization: `Bearer ${s.accessToken}` } });
        } catch {
          // signing out locally is what matters
        }
      }
      session.clear('signed_out');
    },
    // `no-cache` revalidates with If-None-Match; the browser answers a 304 from its cache.
    getMenu: () => request('GET', '/api/menu', { auth: false, cache: 'no-cache' }),
    patchItem: (id, patch) => request('PATCH', `/api/items/${enc(id)}`, { body: patch }),
    placeOrder: (body, key) => request('POST', '/api/orders', { body, headers: idempotency(key) }),
    quoteOrder: (body) => request('POST', '/api/orders/quote', { body }),
    listOrders: (statuses, date) => request('GET', `/api/orders?status=${enc(statuses.join(','))}${date ? `&date=${enc(date)}` : ''}`),
    getOrder: (id) => request('GET', `/api/orders/${enc(id)}`),
    setOrderStatus: (id, change) => request('POST', `/api/orders/${enc(id)}/status`, { body: change }),
    stepOrderBack: (id) => request('POST', `/api/orders/${enc(id)}/back`),
    bumpOrderLine: (id, lineNo, done) => request('POST', `/api/orders/${enc(id)}/lines/${lineNo}/bump`, { body: { done } }),
    addPayment: (id, payment, key) => request('POST', `/api/orders/${enc(id)}/payments`, { body: payment, headers: idempotency(key) }),
    refundOrder: (id, refund, key) => request('POST', `/api/orders/${enc(id)}/refunds`, { body: refund, headers: idempotency(key) }),
    getSummary: (from, to) => request('GET', `/api/analytics/summary?from=${enc(from)}&to=${enc(to)}`),
    ordersCsv: (from, to) =>
      request('GET', `/api/analytics/orders.csv?from=${enc(from)}&to=${enc(to)}`, { as: 'text', headers: { Accept: 'text/csv' } }),
    searchCustomers: (q) => request('GET', `/api/customers?q=${enc(q)}`),
    createCustomer: (c) => request('POST', '/api/customers', { body: c }),
    getSettings: () => request('GET', '/api/settings', { auth: false }),
    myOrders: () => request('GET', '/api/customers/me/orders'),
    createPairingCode: (name, kind = 'kiosk') => request('POST', '/api/devices/pairing-codes', { body: { name, kind } }),
    syncStatus: () => request('GET', '/api/sync/status'),
    listAuditLog: (before, limit) => request('GET', `/api/audit?${new URLSearchParams(pageQuery(before, limit)).toString()}`),
    listDevices: () => request('GET', '/api/devices'),
    serverInfo: () => request('GET', '/api/server', { cache: 'no-store' }),
    revokeDevice: (id) => request('DELETE', `/api/devices/${enc(id)}`),
    listCategories: () => request('GET', '/api/categories', { auth: false, cache: 'no-cache' }),
    createCategory: (c) => request('POST', '/api/categories', { body: c }),
    updateCategory: (id, patch) => request('PATCH', `/api/categories/${enc(id)}`, { body: patch }),
    deleteCategory: (id) => request('DELETE', `/api/categories/${enc(id)}`),
    createItem: (item) => request('POST', '/api/items', { body: item }),
    deleteItem: (id) => request('DELETE', `/api/items/${enc(id)}`),
    setItemImage: (id, picture) => request('PUT', `/api/items/${enc(id)}/image`, { raw: { data: picture.data, type: picture.type } }),
    deleteItemImage: (id) => request('DELETE', `/api/items/${enc(id)}/image`),
    replaceModifierGroups: (id, groups) => request('PUT', `/api/items/${enc(id)}/modifier-groups`, { body: groups }),
    listModifierGroups: () => request('GET', '/api/modifier-groups'),
    createModifierGroup: (g) => request('POST', '/api/modifier-groups', { body: g }),
    updateModifierGroup: (id, g) => request('PUT', `/api/modifier-groups/${enc(id)}`, { body: g }),
    deleteModifierGroup: (id) => request('DELETE', `/api/modifier-groups/${enc(id)}`),
    listCoupons: () => request('GET', '/api/coupons'),
    createCoupon: (c) => request('POST', '/api/coupons', { body: c }),
    updateCoupon: (code, terms) => request('PUT', `/api/coupons/${enc(code)}`, { body: terms }),
    deleteCoupon: (code) => request('DELETE', `/api/coupons/${enc(code)}`),
    listUsers: () => request('GET', '/api/users'),
    createUser: (u) => request('POST', '/api/users', { body: u }),
    updateUser: (id, change) => request('PATCH', `/api/users/${enc(id)}`, { body: change }),
    updateSettings: (st) => request('PUT', '/api/settings', { body: st }),
    printerStatus: () => request('GET', '/api/printer', { cache: 'no-store' }),
    getPrinterSettings: () => request('GET', '/api/printer/settings'),
    updatePrinterSettings: (st) => request('PUT', '/api/printer/settings', { body: st }),
    printTestPage: () => request('POST', '/api/printer/test'),
    retryPrints: () => request('POST', '/api/printer/retry'),
    openDrawer: () => request('POST', '/api/printer/drawer'),
    listStationPrinters: () => request('GET', '/api/printer/stations', { cache: 'no-store' }),
    stationPrinterStatus: () => request('GET', '/api/printer/stations/status', { cache: 'no-store' }),
    updateStationPrinter: (station, printer) => request('PUT', `/api/printer/stations/${enc(station)}`, { body: printer }),
    printStationTestPage: (station) => request('POST', `/api/printer/stations/${enc(station)}/test`),
    printReceipt: (id) => request('POST', `/api/orders/${enc(id)}/receipt`),
    openShift: (body) => request('POST', '/api/shifts', { body }),
    currentShift: () => request('GET', '/api/shifts/current', { cache: 'no-store' }),
    moveShiftCash: (movement) => request('POST', '/api/shifts/current/cash', { body: movement }),
    closeShift: (body) => request('POST', '/api/shifts/current/close', { body }),
    printXReport: () => request('POST', '/api/shifts/current/print'),
    zReport: (date) => request('GET', `/api/reports/z?date=${enc(date)}`, { cache: 'no-store' }),
    printZReport: (date) => request('POST', `/api/reports/z/print?date=${enc(date)}`),
    zReportFile: (date, format) =>
      request('GET', `/api/reports/z?date=${enc(date)}`, { as: 'blob', cache: 'no-store', headers: { Accept: REPORT_TYPES[format] } }),
    createCouponBatch: (batch) => request('POST', '/api/coupons/batch', { body: batch }),
    couponBatchCsv: (id) => request('GET', `/api/coupons/batch/${enc(id)}`, { as: 'blob', cache: 'no-store', headers: { Accept: 'text/csv' } }),
    myLoyalty: () => request('GET', '/api/customers/me/loyalty', { cache: 'no-store' }),
    customerLoyalty: (id) => request('GET', `/api/customers/${enc(id)}/loyalty`, { cache: 'no-store' }),
    leaveFeedback: (id, body) => request('POST', `/api/orders/${enc(id)}/feedback`, { body }),
    listFeedback: (status) => request('GET', `/api/feedback${status ? `?status=${enc(status)}` : ''}`, { cache: 'no-store' }),
    moderateFeedback: (id, decision) => request('POST', `/api/feedback/${enc(id)}/moderation`, { body: { decision } }),
    publicFeedback: () => request('GET', '/api/feedback/public', { auth: false, cache: 'no-store' }),
    listNotifications: (page = {}) => request('GET', `/api/notifications${notificationQuery(page)}`, { cache: 'no-store' }),
    readNotification: (id) => request('POST', `/api/notifications/${enc(id)}/read`),
    readAllNotifications: () => request('POST', '/api/notifications/read-all'),
    listTables: () => request('GET', '/api/tables', { cache: 'no-store' }),
    createTable: (t) => request('POST', '/api/tables', { body: t }),
    updateTable: (id, patch) => request('PATCH', `/api/tables/${enc(id)}`, { body: patch }),
    deleteTable: (id) => request('DELETE', `/api/tables/${enc(id)}`),
    tablesSheet: (base) =>
      request('GET', `/api/tables/sheet.pdf${base ? `?base=${enc(base)}` : ''}`, { as: 'blob', cache: 'no-store', headers: { Accept: 'application/pdf' } }),
    acceptOrder: (id) => request('POST', `/api/orders/${enc(id)}/accept`),
    setupStatus: () => request('GET', '/api/setup', { auth: false, cache: 'no-store' }),
    completeSetup: (f) => request<unknown>('POST', '/api/setup', { body: f, auth: false }).then(() => undefined),
    subscribeEvents,
  };
}

/** The media type the server answers each report format with. */
const REPORT_TYPES: Record<ReportFormat, string> = { csv: 'text/csv', pdf: 'application/pdf' };

/** The `Idempotency-Key` header when there is a key. */
function idempotency(key: string | undefined): Record<string, string> {
  return key ? { 'Idempotency-Key': key } : {};
}

/** `before` and `limit` as query parameters, when given. */
function pageQuery(before?: number, limit?: number): Record<string, string> {
  const q: Record<string, string> = {};
  if (before !== undefined) q.before = String(before);
  if (limit !== undefined) q.limit = String(limit);
  return q;
}

/** A page of the inbox as query parameters (`?limit=…&before=…&unread=true`), or nothing. */
function notificationQuery(page: NotificationPage): string {
  const q: Record<string, string> = {};
  if (page.limit !== undefined) q.limit = String(page.limit);
  if (page.before !== undefined) q.before = page.before;
  if (page.unread) q.unread = 'true';
  const s = new URLSearchParams(q).toString();
  return s ? `?${s}` : '';
}

export { newIdempotencyKey } from './tokens';
