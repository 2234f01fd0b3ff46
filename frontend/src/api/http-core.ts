import { ApiError, errorFromResponse, type ErrorCode } from './errors';
import { SseParser, type RawEvent } from './sse';
import type { SessionStore, Session, Tokens } from './session';
import { rotateTokens } from './tokens';
import type { StreamStatus } from './transport';

/**
 * What every server this app talks to shares: bearer tokens kept in a session store and
 * refreshed once when they expire (or are refused), errors as `ApiError`, and a
 * Server-Sent Events stream over fetch that reconnects by itself. The shop's client
 * (`http.ts`) and head office's (`features/hq`) are both built on it, each with its own
 * session store.
 */
export interface CoreOptions<R extends string> {
  session: SessionStore<R>;
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Wait before an event-stream reconnect; attempt counts from 1. */
  backoffMs?: (attempt: number) => number;
  /** Reconnect when nothing (not even a keep-alive) arrived for this long. */
  streamIdleMs?: number;
  /** The Web Lock refreshes of this session are serialised under (across tabs). */
  lockName?: string;
}

export interface RequestOptions {
  body?: unknown;
  /** A body sent as it is (a file), with its media type, instead of JSON. */
  raw?: { data: Blob; type: string };
  auth?: boolean;
  headers?: Record<string, string>;
  cache?: RequestCache;
  /** The answer as text or as a file (a Blob) instead of JSON. */
  as?: 'text' | 'blob';
}

export interface StreamHandlers {
  /** Each event as it came off the wire. */
  onEvent: (e: RawEvent) => void;
  /** Connected again after a drop: events may have been missed. */
  onReconnect?: () => void;
  onStatus?: (s: StreamStatus) => void;
}

export interface HttpCore<R extends string> {
  /** fetch on the server; no answer at all is an `ApiError` with status 0. */
  rawFetch(path: string, init: RequestInit): Promise<Response>;
  request<T>(method: string, path: string, o?: RequestOptions): Promise<T>;
  /** Signs in at `path`; the session store keeps the tokens. */
  signIn<T extends Tokens<R>>(path: string, body: unknown, name?: string, headers?: Record<string, string>): Promise<T>;
  /** Follows the event stream at `path` until the returned function is called; reconnects by itself. */
  stream(path: string, h: StreamHandlers): () => void;
}

/** Codes that mean the sign-in is over: the user must sign in again. */
const SESSION_OVER = new Set<ErrorCode>(['token_reused', 'invalid_token', 'token_expired', 'unauthorized']);

export function createHttpCore<R extends string>(opts: CoreOptions<R>): HttpCore<R> {
  const session = opts.session;
  const base = opts.baseUrl ?? '';
  const doFetch: typeof fetch = opts.fetch ?? ((...a) => globalThis.fetch(...a));
  const backoff = opts.backoffMs ?? ((n: number) => Math.min(500 * 2 ** (n - 1), 5000));
  const idleMs = opts.streamIdleMs ?? 40_000;
  const lockName = opts.lockName ?? 'crema-token-refresh';
  let refreshing: Promise<Session<R>> | null = null;

  async function rawFetch(path: string, init: RequestInit): Promise<Response> {
    try {
      return await doFetch(base + path, init);
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') throw e;
      throw new ApiError(0, 'network', 'The server could not be reached.');
    }
  }

  /** Rotates the refresh token once, even when many requests ask at the same time. */
  function refresh(failedAccessToken?: string): Promise<Session<R>> {
    if (!refreshing) {
      refreshing = withLock(lockName, async () => {
        const current = session.get();
        if (!current) throw new ApiError(401, 'invalid_token', 'Not signed in.');
        // Another tab (or request) may have refreshed already.
        if (failedAccessToken && current.accessToken !== failedAccessToken && !session.isStale(current)) {
          return current;
        }
        try {
          return session.setFromTokens(await rotateTokens<Tokens<R>>(rawFetch, current.refreshToken));
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
      if (o.raw) headers['Content-Type'] = o.raw.type;
      const res = await rawFetch(path, {
        method,
        headers,
        body: o.raw ? o.raw.data : o.body === undefined ? undefined : JSON.stringify(o.body),
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

  async function signIn<T extends Tokens<R>>(path: string, body: unknown, name?: string, headers?: Record<string, string>): Promise<T> {
    const t = await request<T>('POST', path, { body, auth: false, headers });
    session.setFromTokens(t, name);
    return t;
  }

  function stream(path: string, h: StreamHandlers): () => void {
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
          const res = await doFetch(base + path, {
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
          if (connectedBefore && !stopped) h.onReconnect?.();
          connectedBefore = true;
          const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
          const parser = new SseParser();
          for (;;) {
            arm();
            const { value, done } = await reader.read();
            if (done) break;
            for (const raw of parser.push(value)) {
              if (!stopped) h.onEvent(raw);
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

  return { rawFetch, request, signIn, stream };
}

/** Serialises token refreshes across tabs where the browser offers Web Locks. */
function withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (locks?.request) return locks.request(name, fn) as Promise<T>;
  return fn();
}
