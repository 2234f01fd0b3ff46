import { describe, expect, it } from 'vitest';
import type { StreamStatus } from '../../../api';
import { SessionStore, memoryStore } from '../../../api/session';
import { createHqApi, HQ_SESSION_KEY } from './client';

type Call = { url: string; method: string; headers: Record<string, string>; body: unknown };

function json(status: number, body: unknown) {
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

function setup(handler: (c: Call) => Response) {
  const calls: Call[] = [];
  const storage = memoryStore();
  const session = new SessionStore<string>(storage, () => 1_000_000, HQ_SESSION_KEY);
  const fakeFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const c: Call = {
      url: String(input),
      method: init?.method ?? 'GET',
      headers: (init?.headers ?? {}) as Record<string, string>,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    calls.push(c);
    return handler(c);
  }) as typeof fetch;
  const api = createHqApi({ session, fetch: fakeFetch, baseUrl: 'http://hq', backoffMs: () => 5 });
  return { api, calls, storage };
}

const pair = (n: number) => ({ access_token: `a${n}`, refresh_token: `r${n}`, token_type: 'Bearer', expires_in: 900, role: 'owner' });

describe('head office client', () => {
  it('keeps the owner’s tokens under its own key, apart from the shop’s sign-in', async () => {
    const { api, calls, storage } = setup(() => json(200, pair(1)));
    await api.login({ username: 'olga', password: 'pw' });
    expect(calls[0]).toMatchObject({ url: 'http://hq/api/auth/login', method: 'POST', body: { username: 'olga', password: 'pw' } });
    expect(storage.getItem('crema.session')).toBeNull();
    expect(JSON.parse(storage.getItem(HQ_SESSION_KEY) ?? '{}')).toMatchObject({ accessToken: 'a1', role: 'owner', name: 'olga' });
  });

  it('asks the reports and the menu at their paths with the owner’s token, and refreshes once on 401', async () => {
    let refused = false;
    const { api, calls } = setup((c) => {
      if (c.url.endsWith('/api/auth/login')) return json(200, pair(1));
      if (c.url.endsWith('/api/auth/refresh')) return json(200, pair(2));
      if (!refused) {
        refused = true;
        return json(401, { error: { code: 'token_expired', message: 'expired' } });
      }
      return json(200, {});
    });
    await api.login({ username: 'olga', password: 'pw' });
    await api.daily('2026-03-01', '2026-03-07');
    await api.items('2026-03-01', '2026-03-07', 10);
    await api.payments('2026-03-01', '2026-03-07');
    await api.importMenu('shop-1');
    await api.publishMenu();
    const asked = calls.slice(1).map((c) => `${c.method} ${c.url.replace('http://hq', '')} ${c.headers.Authorization ?? ''}`);
    expect(asked).toEqual([
      'GET /api/hq/reports/daily?from=2026-03-01&to=2026-03-07 Bearer a1',
      'POST /api/auth/refresh ',
      'GET /api/hq/reports/daily?from=2026-03-01&to=2026-03-07 Bearer a2',
      'GET /api/hq/reports/items?from=2026-03-01&to=2026-03-07&limit=10 Bearer a2',
      'GET /api/hq/reports/payments?from=2026-03-01&to=2026-03-07 Bearer a2',
      'POST /api/hq/menu/import Bearer a2',
      'POST /api/hq/menu/publish Bearer a2',
    ]);
    expect(calls.find((c) => c.url.endsWith('/import'))?.body).toEqual({ shop_id: 'shop-1' });
  });

  it('says the live stream is unavailable where head office has none (404), and stops', async () => {
    const { api, calls } = setup((c) => (c.url.endsWith('/api/auth/login') ? json(200, pair(1)) : json(404, { error: { code: 'not_found', message: 'none' } })));
    await api.login({ username: 'olga', password: 'pw' });
    const statuses: StreamStatus[] = [];
    const stop = api.subscribe({ onEvent: () => {}, onStatus: (s) => statuses.push(s) });
    await new Promise((r) => setTimeout(r, 30));
    stop();
    expect(statuses).toEqual(['connecting', 'unavailable']);
    expect(calls.filter((c) => c.url.endsWith('/api/hq/stream'))).toHaveLength(1);
  });
});
