import { ApiError, errorFromResponse, type ErrorCode } from './errors';
import { SseParser, toEvent } from './sse';
import { SessionStore, TERMINAL_KEY, memoryStore, type Session } from './session';
import { rotateTokens } from './tokens';
import type { CremaApi, EventHandlers, ReportFormat, StreamStatus } from './transport';
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

interface RequestOptions {
  body?: unknown;
  auth?: boolean;
  headers?: Record<string, string>;
  cache?: RequestCache;
  /** The answer as text or as a file (a Blob) instead of JSON. */
  as?: 'text' | 'blob';
}

/** Codes that mean the sign-in is over: the user must sign in again. */
const SESSION_OVER = new Set<ErrorCode>(['token_reused', 'invalid_token', 'token_expired', 'unauthorized']);

export function createHttpApi(opts: HttpOptions): CremaApi {
  const session = opts.session;
  const terminal = opts.terminal ?? new SessionStore(memoryStore(), Date.now, TERMINAL_KEY);
  const base = opts.baseUrl ?? '';
  const doFetch: typeof fetch = opts.fetch ?? ((...a) => globalThis.fetch(...a));
  const backoff = opts.backoffMs ?? ((n: number) => Math.min(500 * 2 ** (n - 1), 5000));
  const idleMs = opts.streamIdleMs ?? 40_000;
  let refreshing: Promise<Session> | null = null;

  async function rawFetch(path: string, init: RequestInit): Promise<Response> {
    try {
      return await doFetch(base + path, init);
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') throw e;
      throw new ApiError(0, 'network', 'The server could not be reached.');
    }
  }

  /** Rotates the refresh token once, even when many requests ask at the same time. */
  function refresh(failedAccessToken?: string): Promise<Session> {
    if (!refreshing) {
      refreshing = withLock(async () => {
        const current = session.get();
        if (!current) throw new ApiError(401, 'invalid_token', 'Not signed in.');
        // Another tab (or request) may have refreshed already.
        if (failedAccessToken && current.accessToken !== failedAccessToken && !session.isStale(current)) {
          return current;
        }
        try {
          return session.setFromTokens(await rotateTokens(rawFetch, current.refreshToken));
        } catch (err) {
          if (err instanceof ApiError && (err.status === 401 || err.status === 403)) session.clear('expired');
          throw err;
        }
      }).finally(() => {
        refreshing = null;
      });
    }
    return refreshing;
  }

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

  async function accessToken(): Promise<string> {
    const s = session.get();
    if (!s) throw new ApiError(401, 'invalid_token', 'Not signed in.');
    if (session.isStale(s)) return (await refresh(s.accessToken)).accessToken;
    return s.accessToken;
  }

  async function request<T>(method: string, path: string, o: RequestOptions = {}): Promise<T> {
    const auth = o.auth ?? true;
    for (let attempt = 0; ; attempt++) {
      const headers: Record<string, string> = { Accept: 'application/json', ...o.headers };
      let token: string | undefined;
      if (auth) {
        token = await accessToken();
        headers.Authorization = `Bearer ${token}`;
      }
      if (o.body !== undefined) headers['Content-Type'] = 'application/json';
      const res = await rawFetch(path, {
        method,
        headers,
        body: o.body === undefined ? undefined : JSON.stringify(o.body),
        cache: o.cache,
      });
      if (res.status === 401 && auth && attempt === 0) {
        const err = await errorFromResponse(res);
        if (SESSION_OVER.has(err.code) || err.code.startsWith('http_') || err.code.includes('token')) {
          await refresh(token);
          continue;
        }
        throw err;
      }
      if (!res.ok) throw await errorFromResponse(res);
      if (res.status === 204) return undefined as T;
      if (o.as === 'text') return (await res.text()) as T;
      if (o.as === 'blob') return (await res.blob()) as T;
      // 202 answers may come without a body.
      const raw = await res.text();
      return (raw ? JSON.parse(raw) : undefined) as T;
    }
  }

  async function signIn(path: string, body: unknown, name?: string, headers?: Record<string, string>): Promise<TokenPair> {
    const t = await request<TokenPair>('POST', path, { body, auth: false, headers });
    session.setFromTokens(t, name);
    return t;
  }

  function subscribeEvents(h: EventHandlers): () => void {
    const ctrl = new AbortController();
    let stopped = false;
    const status = (s: StreamStatus) => {
      if (!stopped) h.onStatus?.(s);
    };
    // The device's own network state: drop the stream at once when it goes offline
    // (no waiting for missed keep-alives) and retry at once when it is back.
    let current: AbortController | null = null;
    let wake: (() => void) | null = null;
    const onOffline = () => current?.abort();
    const onOnline = () => wake?.();
    const win = typeof window !== 'undefined' ? window : undefined;
    win?.addEventListener('offline', onOffline);
    win?.addEventListener('online', onOnline);
    ctrl.signal.addEventListener('abort', () => {
      win?.removeEventListener('offline', onOffline);
      win?.removeEventListener('online', onOnline);
    });
    const sleep = (ms: number) =>
      new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(t);
          wake = null;
          resolve();
        };
        const t = setTimeout(done, ms);
        wake = done;
        ctrl.signal.addEventListener('abort', done);
      });

    void (async () => {
      let attempt = 0;
      let connectedBefore = false;
      status('connecting');
      while (!stopped) {
        const conn = new AbortController();
        current = conn;
        const abortConn = () => conn.abort();
        ctrl.signal.addEventListener('abort', abortConn);
        let idle: ReturnType<typeof setTimeout> | undefined;
        const arm = () => {
          clearTimeout(idle);
          idle = setTimeout(() => conn.abort(), idleMs);
        };
        try {
          const token = await accessToken();
          arm();
          const res = await doFetch(base + '/api/events', {
            headers: { Accept: 'text/event-stream', Authorization: `Bearer ${token}` },
            signal: conn.signal,
            cache: 'no-store',
          });
          if (res.status === 401) {
            await refresh(token);
            continue;
          }
          if (res.status === 403 || res.status === 404) {
            // This role (or this server) has no event stream: callers poll instead.
            status('unavailable');
            return;
          }
          if (!res.ok || !res.body) throw new Error(`events: HTTP ${res.status}`);
          attempt = 0;
          status('online');
          if (connectedBefore) h.onEvent({ type: 'resync' });
          connectedBefore = true;
          const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
          const parser = new SseParser();
          for (;;) {
            arm();
            const { value, done } = await reader.read();
            if (done) break;
            for (const raw of parser.push(value)) {
              const ev = toEvent(raw.event, raw.data);
              if (ev && !stopped) h.onEvent(ev);
            }
          }
        } catch (e) {
          if (e instanceof ApiError && e.status === 401) {
            status('offline');
            return; // session over; the app shows the sign-in screen
          }
        } finally {
          clearTimeout(idle);
          ctrl.signal.removeEventListener('abort', abortConn);
        }
        if (stopped) return;
        status('offline');
        attempt++;
        await sleep(backoff(attempt));
      }
    })();

    return () => {
      stopped = true;
      ctrl.abort();
    };
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

/** Serialises token refreshes across tabs where the browser offers Web Locks. */
function withLock<T>(fn: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (locks?.request) return locks.request('crema-token-refresh', fn) as Promise<T>;
  return fn();
}

/** `before` and `limit` as query parameters, when given. */
function pageQuery(before?: number, limit?: number): Record<string, string> {
  const q: Record<string, string> = {};
  if (before !== undefined) q.before = String(before);
  if (limit !== undefined) q.limit = String(limit);
  return q;
}

export { newIdempotencyKey } from './tokens';
