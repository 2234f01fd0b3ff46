import { describe, expect, it } from 'vitest';
import { memoryStore } from '../../api/session';
import { createGuestApi } from './guest-api';

type Call = { method: string; path: string; auth: string | null };

/** A server that opens sessions `guest_1`, `guest_2`, … and answers orders for the token it names `live`. */
function fakeServer() {
  const calls: Call[] = [];
  let sessions = 0;
  const state = { live: 'guest_1' };
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  const fetchFn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = String(input);
    const headers = new Headers(init?.headers);
    const method = init?.method ?? 'GET';
    calls.push({ method, path, auth: headers.get('Authorization') });
    if (method === 'POST' && /^\/api\/tables\/[A-Z0-9]+\/session$/.test(path)) {
      if (!path.includes('/ABCDEFGHJK/')) return json(404, { error: { code: 'unknown_table_code', message: 'no table' } });
      sessions += 1;
      return json(201, { access_token: `guest_${sessions}`, expires_in: 10_800, table: { name: '7', area: 'Terrace' } });
    }
    if (headers.get('Authorization') !== `Bearer ${state.live}`) return json(401, { error: { code: 'invalid_token', message: 'ended' } });
    if (method === 'POST' && path === '/api/orders') return json(201, { id: `o-${headers.get('Idempotency-Key')}`, status: 'placed' });
    if (method === 'GET' && path.startsWith('/api/orders/')) return json(200, { id: path.slice(12), status: 'placed' });
    if (path === '/api/auth/refresh') return json(401, { error: { code: 'invalid_token', message: 'no refresh for guests' } });
    return json(404, { error: { code: 'not_found', message: path } });
  }) as typeof fetch;
  return { calls, fetchFn, state, sessions: () => sessions };
}

describe('a guest at a table', () => {
  it('opens one session from the code and keeps it on the phone', async () => {
    const server = fakeServer();
    const storage = memoryStore();
    const guest = createGuestApi(' abcdefghjk ', storage, server.fetchFn);
    expect(guest.code).toBe('ABCDEFGHJK');
    expect(await guest.table()).toEqual({ name: '7', area: 'Terrace' });
    await guest.table();
    // A reload: a new client on the same phone reuses the session.
    const again = createGuestApi('ABCDEFGHJK', storage, server.fetchFn);
    expect(await again.table()).toEqual({ name: '7', area: 'Terrace' });
    expect(server.sessions()).toBe(1);
  });

  it('remembers its orders, newest first, and sends them with its own token and the key', async () => {
    const server = fakeServer();
    const guest = createGuestApi('ABCDEFGHJK', memoryStore(), server.fetchFn);
    await guest.place({ lines: [], type: 'dine_in' }, 'k1');
    await guest.place({ lines: [], type: 'dine_in' }, 'k2');
    await guest.place({ lines: [], type: 'dine_in' }, 'k1');
    expect(guest.orderIds()).toEqual(['o-k1', 'o-k2']);
    guest.forget('o-k2');
    expect(guest.orderIds()).toEqual(['o-k1']);
    const placed = server.calls.filter((c) => c.path === '/api/orders');
    expect(placed.every((c) => c.auth === 'Bearer guest_1')).toBe(true);
  });

  it('opens a new session by itself when the server has ended the old one', async () => {
    const server = fakeServer();
    const guest = createGuestApi('ABCDEFGHJK', memoryStore(), server.fetchFn);
    await guest.table();
    server.state.live = 'guest_2';
    expect(await guest.order('o-1')).toEqual({ id: 'o-1', status: 'placed' });
    expect(server.sessions()).toBe(2);
    expect(server.calls.at(-1)).toMatchObject({ path: '/api/orders/o-1', auth: 'Bearer guest_2' });
  });

  it('says so when the code names no table', async () => {
    const server = fakeServer();
    const guest = createGuestApi('ZZZZZZZZZZ', memoryStore(), server.fetchFn);
    await expect(guest.table()).rejects.toMatchObject({ status: 404, code: 'unknown_table_code' });
  });
});
