import { invoke as tauriInvoke } from '@tauri-apps/api/core';
import { listen as tauriListen, type UnlistenFn } from '@tauri-apps/api/event';
import { ApiError, asParams, type ErrorCode, type ServerErrorCode } from './errors';
import { toEvent } from './sse';
import type { Session, SessionStore } from './session';
import type { CremaApi, DesktopApi, EventHandlers, StreamStatus } from './transport';
import type { TokenPair } from './types';

export interface TauriOptions {
  session: SessionStore;
  invoke?: typeof tauriInvoke;
  listen?: typeof tauriListen;
  /** Wait before subscribing again after a failure; attempt counts from 1. */
  backoffMs?: (attempt: number) => number;
}

/** The Tauri event that carries live events: the SSE event's name and data, tagged with the subscription. */
export const EVENT_CHANNEL = 'crema://event';

export interface EventPayload {
  subscription: string;
  name: string;
  data: string;
}

type Args = Record<string, unknown>;

/** Codes on a command that mean: rotate the tokens and try once more. */
const RETRY_AFTER_REFRESH = new Set<ErrorCode>(['token_expired']);
/** Codes on `refresh` that mean the sign-in is over. */
const REFRESH_REFUSED = new Set<ErrorCode>(['token_reused', 'invalid_token', 'token_expired', 'unauthorized']);

/** A rejection from `invoke` → ApiError: `{status, code, message}` objects keep their fields; anything else is an IPC failure. */
export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  if (e && typeof e === 'object') {
    const o = e as { status?: unknown; code?: unknown; message?: unknown; params?: unknown };
    if (typeof o.status === 'number' && typeof o.code === 'string') {
      // Commands answer with the server's codes (`CommandError` from `AppError`).
      const message = typeof o.message === 'string' ? o.message : o.code;
      return new ApiError(o.status, o.code as ServerErrorCode, message, null, asParams(o.params));
    }
  }
  return new ApiError(0, 'ipc', String(e));
}

/** Bytes as base64, for a command's JSON arguments. */
export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/**
 * The desktop app's transport: every CremaApi method as a Tauri command of the
 * same meaning (results are the HTTP bodies), live events as Tauri events.
 */
export function createTauriApi(opts: TauriOptions): CremaApi {
  const session = opts.session;
  const invoke = opts.invoke ?? tauriInvoke;
  const listen = opts.listen ?? tauriListen;
  const backoff = opts.backoffMs ?? ((n: number) => Math.min(500 * 2 ** (n - 1), 5000));
  let refreshing: Promise<Session> | null = null;

  async function call<T>(cmd: string, args: Args = {}): Promise<T> {
    try {
      return await invoke<T>(cmd, args);
    } catch (e) {
      throw toApiError(e);
    }
  }

  /** Rotates the refresh token once, even when many commands ask at the same time. */
  function refresh(failedAccessToken?: string): Promise<Session> {
    if (!refreshing) {
      refreshing = (async () => {
        const current = session.get();
        if (!current) throw new ApiError(401, 'invalid_token', 'Not signed in.');
        if (failedAccessToken && current.accessToken !== failedAccessToken && !session.isStale(current)) return current;
        let t: TokenPair;
        try {
          t = await call<TokenPair>('refresh', { refreshToken: current.refreshToken });
        } catch (e) {
          const err = toApiError(e);
          if (REFRESH_REFUSED.has(err.code) || err.status === 401 || err.status === 403) session.clear('expired');
          throw err;
        }
        return session.setFromTokens(t);
      })().finally(() => {
        refreshing = null;
      });
    }
    return refreshing;
  }

  /** The access token (rotated first when it is about to expire), or null when signed out. */
  async function accessToken(): Promise<string | null> {
    const s = session.get();
    if (!s) return null;
    if (session.isStale(s)) return (await refresh(s.accessToken)).accessToken;
    return s.accessToken;
  }

  /** A command that needs the signed-in user: `token` is added; an expired token is rotated once. */
  async function authed<T>(cmd: string, args: Args = {}): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const token = await accessToken();
      try {
        return await call<T>(cmd, { ...args, token });
      } catch (e) {
        const err = toApiError(e);
        if (attempt === 0 && token !== null && RETRY_AFTER_REFRESH.has(err.code)) {
          await refresh(token);
          continue;
        }
        throw err;
      }
    }
  }

  async function signIn(cmd: string, args: Args, name?: string): Promise<TokenPair> {
    const t = await call<TokenPair>(cmd, args);
    session.setFromTokens(t, name);
    return t;
  }

  function subscribeEvents(h: EventHandlers): () => void {
    let stopped = false;
    let subscription: string | null = null;
    let unlisten: UnlistenFn | null = null;
    let wake: (() => void) | null = null;
    // Events that arrive before `subscribe_events` has answered with our id.
    let early: EventPayload[] = [];
    const status = (s: StreamStatus) => {
      if (!stopped) h.onStatus?.(s);
    };
    const deliver = (p: EventPayload) => {
      const ev = toEvent(p.name, p.data);
      if (ev && !stopped) h.onEvent(ev);
    };
    const sleep = (ms: number) =>
      new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          wake = null;
          resolve();
        }, ms);
        wake = () => {
          clearTimeout(t);
          wake = null;
          resolve();
        };
      });

    void (async () => {
      status('connecting');
      try {
        const un = await listen<EventPayload>(EVENT_CHANNEL, (e) => {
          const p = e.payload;
          if (stopped || !p || typeof p !== 'object') return;
          if (subscription === null) early.push(p);
          else if (p.subscription === subscription) deliver(p);
        });
        if (stopped) {
          un();
          return;
        }
        unlisten = un;
      } catch {
        status('unavailable');
        return;
      }
      for (let attempt = 1; !stopped; attempt++) {
        try {
          const id = await authed<string>('subscribe_events');
          if (stopped) {
            void call('unsubscribe_events', { id }).catch(() => undefined);
            return;
          }
          subscription = id;
          status('online');
          // Ours that came before the id did, in order; other windows' subscriptions are dropped.
          const pending = early;
          early = [];
          for (const p of pending) if (p.subscription === id) deliver(p);
          if (attempt > 1) h.onEvent({ type: 'resync' });
          return;
        } catch (e) {
          early = [];
          const err = toApiError(e);
          if (err.status === 401) {
            status('offline');
            return; // signed out: the app shows the sign-in screen
          }
          if (err.status === 403 || err.status === 404) {
            status('unavailable');
            return;
          }
          status('offline');
          await sleep(backoff(attempt));
        }
      }
    })();

    return () => {
      stopped = true;
      wake?.();
      unlisten?.();
      unlisten = null;
      if (subscription !== null) {
        const id = subscription;
        subscription = null;
        void call('unsubscribe_events', { id }).catch(() => undefined);
      }
    };
  }

  const desktop: DesktopApi = {
    serverInfo: () => authed('server_info'),
    restartServer: (port) => authed('restart_server', { port }),
    checkUpdate: () => authed('check_update'),
    installUpdate: () => authed<unknown>('install_update').then(() => undefined),
  };

  const unit = <T>(p: Promise<T>) => p.then(() => undefined);

  return {
    session,
    desktop,
    health: () => call('health'),
    login: (body) => signIn('login', { body }, body.username),
    loginWithPin: (pin) => signIn('login_with_pin', { pin }),
    register: (body) => signIn('register', { body }, body.email),
    pairDevice: (code) => signIn('pair_device', { code }),
    // The counter app itself is the trusted till: PINs need no pairing here.
    isTerminal: () => false,
    pinHere: () => Promise.resolve(true),
    async logout() {
      const s = session.get();
      if (s) {
        try {
          await call('logout', { token: s.accessToken });
        } catch {
          // signing out locally is what matters
        }
      }
      session.clear('signed_out');
    },
    getMenu: () => call('get_menu'),
    patchItem: (id, patch) => authed('patch_item', { id, patch }),
    placeOrder: (body, key) => authed('place_order', { body, idempotencyKey: key ?? null }),
    quoteOrder: (body) => authed('quote_order', { body }),
    listOrders: (statuses, date) => authed('list_orders', { statuses, ...(date ? { date } : {}) }),
    getOrder: (id) => authed('get_order', { id }),
    setOrderStatus: (id, change) => authed('set_order_status', { id, change }),
    stepOrderBack: (id) => authed('step_order_back', { id }),
    bumpOrderLine: (id, lineNo, done) => authed('bump_order_line', { id, lineNo, bump: { done } }),
    addPayment: (id, payment, key) => authed('add_payment', { id, payment, idempotencyKey: key ?? null }),
    refundOrder: (id, refund, key) => authed('refund_order', { id, refund, idempotencyKey: key ?? null }),
    getSummary: (from, to) => authed('get_summary', { from, to }),
    getSettings: () => call('get_settings'),
    searchCustomers: (q) => authed('search_customers', { q }),
    createCustomer: (customer) => authed('create_customer', { customer }),
    ordersCsv: (from, to) => authed('orders_csv', { from, to }),
    myOrders: () => authed('my_orders'),
    createPairingCode: (name, kind = 'kiosk') => authed('create_pairing_code', { name, kind }),
    syncStatus: () => authed('get_sync_status'),
    listAuditLog: (before, limit) => authed('list_audit_log', { before: before ?? null, limit: limit ?? null }),
    listDevices: () => authed('list_devices'),
    serverInfo: () => desktop.serverInfo(),
    revokeDevice: (id) => unit(authed('revoke_device', { id })),
    listCategories: () => call('list_categories'),
    createCategory: (category) => authed('create_category', { category }),
    updateCategory: (id, patch) => authed('update_category', { id, patch }),
    deleteCategory: (id) => unit(authed('delete_category', { id })),
    createItem: (item) => authed('create_item', { item }),
    deleteItem: (id) => unit(authed('delete_item', { id })),
    setItemImage: async (id, picture) =>
      authed('set_item_image', { id, contentType: picture.type, data: toBase64(new Uint8Array(await picture.data.arrayBuffer())) }),
    deleteItemImage: (id) => authed('delete_item_image', { id }),
    replaceModifierGroups: (id, groups) => authed('replace_modifier_groups', { id, groups }),
    listModifierGroups: () => authed('list_modifier_groups'),
    createModifierGroup: (group) => authed('create_modifier_group', { group }),
    updateModifierGroup: (id, group) => authed('update_modifier_group', { id, group }),
    deleteModifierGroup: (id) => unit(authed('delete_modifier_group', { id })),
    listCoupons: () => authed('list_coupons'),
    createCoupon: (coupon) => authed('create_coupon', { coupon }),
    updateCoupon: (code, terms) => authed('update_coupon', { code, terms }),
    deleteCoupon: (code) => unit(authed('delete_coupon', { code })),
    listUsers: () => authed('list_users'),
    createUser: (user) => authed('create_user', { user }),
    updateUser: (id, change) => authed('update_user', { id, change }),
    updateSettings: (settings) => authed('update_settings', { settings }),
    printerStatus: () => authed('printer_status'),
    getPrinterSettings: () => authed('get_printer_settings'),
    updatePrinterSettings: (settings) => authed('update_printer_settings', { settings }),
    printTestPage: () => authed('print_test_page'),
    retryPrints: () => authed('retry_prints'),
    openDrawer: () => authed('open_drawer'),
    printReceipt: (id) => authed('print_receipt', { id }),
    listStationPrinters: () => authed('list_station_printers'),
    stationPrinterStatus: () => authed('station_printer_status'),
    updateStationPrinter: (station, printer) => authed('update_station_printer', { station, printer }),
    printStationTestPage: (station) => authed('print_station_test_page', { station }),
    openShift: (shift) => authed('open_shift', { shift }),
    currentShift: () => authed('current_shift'),
    moveShiftCash: (movement) => authed('move_shift_cash', { movement }),
    closeShift: (close) => authed('close_shift', { close }),
    printXReport: () => authed('print_x_report'),
    zReport: (date) => authed('z_report', { date }),
    printZReport: (date) => authed('print_z_report', { date }),
    // No command answers the Z report as CSV or PDF: the desktop app shows the figures and prints them.
    createCouponBatch: (batch) => authed('create_coupon_batch', { batch }),
    couponBatchCsv: async (id) => new Blob([await authed<string>('coupon_batch_csv', { id })], { type: 'text/csv;charset=utf-8' }),
    myLoyalty: () => authed('my_loyalty'),
    customerLoyalty: (id) => authed('customer_loyalty', { id }),
    leaveFeedback: (id, feedback) => authed('leave_feedback', { id, feedback }),
    listFeedback: (status) => authed('list_feedback', { status: status ?? null }),
    moderateFeedback: (id, decision) => authed('moderate_feedback', { id, moderation: { decision } }),
    publicFeedback: () => call('public_feedback'),
    listNotifications: (page = {}) =>
      authed('list_notifications', { limit: page.limit ?? null, before: page.before ?? null, unread: page.unread ?? null }),
    readNotification: (id) => authed('read_notification', { id }),
    readAllNotifications: () => authed('read_all_notifications'),
    listTables: () => authed('list_tables'),
    createTable: (table) => authed('create_table', { table }),
    updateTable: (id, patch) => authed('update_table', { id, patch }),
    deleteTable: (id) => unit(authed('delete_table', { id })),
    // The command answers the PDF's bytes (an ArrayBuffer); without `base`, the LAN server's address.
    tablesSheet: async (base) => new Blob([await authed<ArrayBuffer>('tables_sheet', { base: base ?? null })], { type: 'application/pdf' }),
    acceptOrder: (id) => authed('accept_order', { id }),
    setupStatus: () => call('setup_status'),
    completeSetup: (setup) => unit(call('complete_setup', { setup })),
    subscribeEvents,
  };
}
