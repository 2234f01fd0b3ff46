import { describe, expect, it } from 'vitest';
import { ApiError } from './errors';
import { createHttpApi } from './http';
import { SessionStore, TERMINAL_KEY, memoryStore } from './session';
import type { Role, TokenPair } from './types';

type Call = { path: string; headers: Record<string, string>; body: unknown };

const pair = (n: number, role: Role, device_kind?: 'kiosk' | 'terminal'): TokenPair => ({
  access_token: `a${n}`,
  refresh_token: `r${n}`,
  token_type: 'Bearer',
  expires_in: 900,
  role,
  ...(device_kind ? { device_kind } : {}),
});
const answer = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/** A client over a fake server; `now` moves the clock, `storage` is shared like localStorage. */
function client(handler: (c: Call) => Response | Promise<Response>, clock = { now: 1_000_000 }) {
  const calls: Call[] = [];
  const storage = memoryStore();
  const now = () => clock.now;
  const session = new SessionStore(storage, now);
  const terminal = new SessionStore(storage, now, TERMINAL_KEY);
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const c = { path: String(input), headers: (init?.headers ?? {}) as Record<string, string>, body: init?.body ? JSON.parse(String(init.body)) : undefined };
    calls.push(c);
    return handler(c);
  }) as typeof globalThis.fetch;
  return { api: createHttpApi({ session, terminal, fetch }), calls, session, terminal, clock };
}

describe('staff terminal', () => {
  it('keeps the terminal sign-in apart from the staff session and shows it with a PIN', async () => {
    const { api, calls, session, terminal } = client((c) =>
      c.path === '/api/devices/pair' ? answer(200, pair(1, 'kiosk', 'terminal')) : answer(200, pair(2, 'cashier')),
    );
    expect(api.isTerminal()).toBe(false);
    await api.pairDevice('123456');
    expect(api.isTerminal()).toBe(true);
    expect(session.get()).toBeNull();
    expect(terminal.get()?.accessToken).toBe('a1');

    await api.loginWithPin('246810');
    expect(calls[1]).toMatchObject({ path: '/api/auth/pin', body: { pin: '246810' } });
    expect(calls[1]!.headers.Authorization).toBe('Bearer a1');
    expect(session.get()?.role).toBe('cashier');
    // Signing the cashier out leaves the terminal paired.
    await api.logout();
    expect(api.isTerminal()).toBe(true);
  });

  it('a kiosk is signed in as itself; a PIN elsewhere goes without a device token', async () => {
    const { api, calls, session } = client((c) =>
      c.path === '/api/devices/pair' ? answer(200, pair(1, 'kiosk', 'kiosk')) : answer(403, { error: { code: 'pin_not_allowed', message: 'no' } }),
    );
    await api.pairDevice('123456');
    expect(api.isTerminal()).toBe(false);
    expect(session.get()?.role).toBe('kiosk');
    const e = await api.loginWithPin('246810').catch((x: unknown) => x);
    expect(e).toMatchObject({ status: 403, code: 'pin_not_allowed' });
    expect(calls[1]!.headers.Authorization).toBeUndefined();
  });

  it('renews a stale terminal token first, and forgets a revoked terminal', async () => {
    let revoked = false;
    const { api, calls, terminal, clock } = client((c) => {
      if (c.path === '/api/auth/refresh')
        return revoked ? answer(401, { error: { code: 'token_reused', message: 'revoked' } }) : answer(200, pair(3, 'kiosk'));
      return answer(200, pair(4, 'cashier'));
    });
    terminal.setFromTokens(pair(1, 'kiosk', 'terminal'));
    clock.now += 890_000;
    await api.loginWithPin('246810');
    expect(calls.map((c) => c.path)).toEqual(['/api/auth/refresh', '/api/auth/pin']);
    expect(calls[1]!.headers.Authorization).toBe('Bearer a3');

    revoked = true;
    clock.now += 890_000;
    await api.loginWithPin('246810');
    expect(api.isTerminal()).toBe(false);
    expect(calls.at(-1)!.headers.Authorization).toBeUndefined();
  });
});

describe('token refresh', () => {
  it('sends an Idempotency-Key and asks once more with the same key when the answer is lost', async () => {
    let n = 0;
    const { api, calls, session } = client((c) => {
      if (c.path === '/api/auth/refresh' && n++ === 0) throw new TypeError('connection reset');
      if (c.path === '/api/auth/refresh') return answer(200, pair(2, 'kiosk'));
      return c.headers.Authorization === 'Bearer a2' ? answer(200, { orders: [] }) : answer(401, { error: { code: 'token_expired', message: 'old' } });
    });
    session.setFromTokens(pair(1, 'kiosk'));
    await api.listOrders(['placed']);
    const refreshes = calls.filter((c) => c.path === '/api/auth/refresh');
    expect(refreshes).toHaveLength(2);
    const key = refreshes[0]!.headers['Idempotency-Key'];
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    expect(refreshes[1]!.headers['Idempotency-Key']).toBe(key);
    expect(session.get()?.accessToken).toBe('a2');
  });

  it('a second lost answer is an error, and the session stays for a later try', async () => {
    const { api, session } = client((c) => {
      if (c.path === '/api/auth/refresh') throw new TypeError('offline');
      return answer(401, { error: { code: 'token_expired', message: 'old' } });
    });
    session.setFromTokens(pair(1, 'kiosk'));
    const e = await api.listOrders(['placed']).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).isNetwork).toBe(true);
    expect(session.get()?.refreshToken).toBe('r1');
  });
});
