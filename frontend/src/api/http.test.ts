import { describe, expect, it } from 'vitest';
import { ApiError } from './errors';
import { createHttpApi, newIdempotencyKey } from './http';
import { SessionStore, memoryStore } from './session';
import type { CremaEvent, Role, TokenPair } from './types';

type Call = { url: string; method: string; headers: Record<string, string>; body: unknown };
type Handler = (c: Call) => Response | Promise<Response>;

function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}
const tokens = (n: number, role: Role = 'cashier'): TokenPair => ({ access_token: `a${n}`, refresh_token: `r${n}`, token_type: 'Bearer', expires_in: 900, role });

function setup(handler: Handler, now = () => 1_000_000) {
  const calls: Call[] = [];
  const session = new SessionStore(memoryStore(), now);
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
  const api = createHttpApi({ session, fetch: fakeFetch, baseUrl: 'http://crema', backoffMs: () => 5, streamIdleMs: 1000 });
  return { api, calls, session };
}

describe('http client', () => {
  it('signs in, stores the tokens and sends the bearer token', async () => {
    const { api, calls, session } = setup((c) =>
      c.url.endsWith('/api/auth/login') ? json(200, tokens(1)) : json(200, { orders: [] }),
    );
    await api.login({ username: 'ann', password: 'pw' });
    expect(session.get()).toMatchObject({ accessToken: 'a1', refreshToken: 'r1', role: 'cashier', name: 'ann' });
    await api.listOrders(['placed', 'ready']);
    expect(calls[1]!.url).toBe('http://crema/api/orders?status=placed%2Cready');
    expect(calls[1]!.headers.Authorization).toBe('Bearer a1');
  });

  it('turns error bodies into ApiError with the server message', async () => {
    const { api, session } = setup(() => json(422, { error: { code: 'coupon_invalid', message: 'this coupon has expired' } }));
    session.setFromTokens(tokens(1));
    const e = await api.placeOrder({ lines: [], type: 'takeaway' }, 'key-1').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ status: 422, code: 'coupon_invalid', message: 'this coupon has expired' });
  });

  it('the modifier-group library: paths, methods and bodies; an item attaches a group by id', async () => {
    const { api, calls, session } = setup((c) => (c.method === 'DELETE' ? json(204, undefined) : json(200, {})));
    session.setFromTokens(tokens(1, 'admin'));
    const milk = { name: 'Milk', min: 1, max: 1, options: [{ id: 'o1', name: 'Oat', price_delta: { amount: 40, currency: 'EUR' } }] };
    await api.listModifierGroups();
    await api.createModifierGroup(milk);
    await api.updateModifierGroup('g 1', milk);
    expect(await api.deleteModifierGroup('g 1')).toBeUndefined();
    await api.replaceModifierGroups('latte', [{ library_group_id: 'g1' }]);
    expect(calls.map((c) => `${c.method} ${c.url.replace('http://crema', '')}`)).toEqual([
      'GET /api/modifier-groups',
      'POST /api/modifier-groups',
      'PUT /api/modifier-groups/g%201',
      'DELETE /api/modifier-groups/g%201',
      'PUT /api/items/latte/modifier-groups',
    ]);
    expect(calls[2]!.body).toEqual(milk);
    expect(calls[4]!.body).toEqual([{ library_group_id: 'g1' }]);
  });

  it('printer and setup: paths, methods and 202 answers with or without a body', async () => {
    const job = { id: 'j1', kind: 'receipt', order_number: 7, attempts: 0, last_error: null, queued_at: '2025-01-01T00:00:00Z' };
    const { api, calls, session } = setup((c) =>
      c.url.endsWith('/receipt') ? json(202, job) : c.url.endsWith('/api/setup') && c.method === 'GET' ? json(200, { needed: true }) : c.method === 'POST' ? json(c.url.endsWith('/api/setup') ? 204 : 202, undefined) : json(200, {}),
    );
    session.setFromTokens(tokens(1));
    expect(await api.printReceipt('o 1')).toEqual(job);
    // A 202 without a body is no error either.
    expect(await api.retryPrints()).toBeUndefined();
    expect(await api.openDrawer()).toBeUndefined();
    expect(await api.setupStatus()).toEqual({ needed: true });
    await api.completeSetup({ shop_name: 'X', currency: 'EUR', tax_mode: 'inclusive', tax_rate_bps: 0, admin_username: 'o', admin_password: 'secret12', cashiers: [], demo_menu: false });
    await api.updatePrinterSettings({ host: '10.0.0.9', port: 9100, paper_width_mm: 80, auto_print: true, open_drawer_on_cash: false });
    expect(calls.map((c) => `${c.method} ${c.url.replace('http://crema', '')}`)).toEqual([
      'POST /api/orders/o%201/receipt',
      'POST /api/printer/retry',
      'POST /api/printer/drawer',
      'GET /api/setup',
      'POST /api/setup',
      'PUT /api/printer/settings',
    ]);
    expect(calls[3]!.headers.Authorization).toBeUndefined();
    expect(calls[4]!.headers.Authorization).toBeUndefined();
    expect(api.desktop).toBeUndefined();
  });

  it('shifts and the Z report: paths, methods, bodies, and the report as CSV or PDF by Accept', async () => {
    const eur = (amount: number) => ({ amount, currency: 'EUR' });
    const shift = { id: 's1', opened_at: '2025-01-01T08:00:00Z', opening_float: eur(10000), cash_in: eur(0), cash_out: eur(0), expected_cash: eur(10000) };
    const { api, calls, session } = setup((c) => {
      if (c.url.includes('/api/reports/z?') && c.headers.Accept !== 'application/json') {
        return new Response(c.headers.Accept === 'text/csv' ? 'field,value\n' : '%PDF-1.7', { status: 200, headers: { 'Content-Type': c.headers.Accept! } });
      }
      if (c.url.endsWith('/print') || c.url.includes('/print?')) return json(202, { id: 'j1', kind: 'report' });
      if (c.url.endsWith('/api/shifts')) return json(201, shift);
      return json(200, c.url.includes('/reports/') ? { business_date: '2025-01-31' } : shift);
    });
    session.setFromTokens(tokens(1, 'admin'));
    expect(await api.openShift({ opening_float: eur(10000) })).toEqual(shift);
    expect(await api.currentShift()).toEqual(shift);
    await api.moveShiftCash({ kind: 'out', amount: eur(2000), reason: 'bank' });
    await api.closeShift({ counted_cash: eur(7950) });
    expect(await api.printXReport()).toMatchObject({ kind: 'report' });
    expect(await api.zReport('2025-01-31')).toEqual({ business_date: '2025-01-31' });
    await api.printZReport('2025-01-31');
    const csv = await api.zReportFile!('2025-01-31', 'csv');
    const pdf = await api.zReportFile!('2025-01-31', 'pdf');
    expect(await csv.text()).toBe('field,value\n');
    expect(pdf.type).toBe('application/pdf');
    expect(await pdf.text()).toBe('%PDF-1.7');
    expect(calls.map((c) => `${c.method} ${c.url.replace('http://crema', '')} ${c.headers.Accept}`)).toEqual([
      'POST /api/shifts application/json',
      'GET /api/shifts/current application/json',
      'POST /api/shifts/current/cash application/json',
      'POST /api/shifts/current/close application/json',
      'POST /api/shifts/current/print application/json',
      'GET /api/reports/z?date=2025-01-31 application/json',
      'POST /api/reports/z/print?date=2025-01-31 application/json',
      'GET /api/reports/z?date=2025-01-31 text/csv',
      'GET /api/reports/z?date=2025-01-31 application/pdf',
    ]);
    expect(calls.map((c) => c.body).filter(Boolean)).toEqual([
      { opening_float: eur(10000) },
      { kind: 'out', amount: eur(2000), reason: 'bank' },
      { counted_cash: eur(7950) },
    ]);
    expect(calls.every((c) => c.headers.Authorization === 'Bearer a1')).toBe(true);
  });

  it('answers no_open_shift as a typed 404', async () => {
    const { api, session } = setup(() => json(404, { error: { code: 'no_open_shift', message: 'no shift is open; open one first' } }));
    session.setFromTokens(tokens(1));
    const e = await api.currentShift().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect([(e as ApiError).status, (e as ApiError).code]).toEqual([404, 'no_open_shift']);
  });

  it('reports a network failure as status 0', async () => {
    const { api } = setup(() => {
      throw new TypeError('Failed to fetch');
    });
    const e = (await api.getMenu().catch((x: unknown) => x)) as ApiError;
    expect(e.isNetwork).toBe(true);
  });

  it('sends the Idempotency-Key header', async () => {
    const { api, calls, session } = setup(() => json(201, { id: 'o1' }));
    session.setFromTokens(tokens(1, 'kiosk'));
    await api.placeOrder({ lines: [], type: 'takeaway' }, 'same-key');
    expect(calls[0]!.headers['Idempotency-Key']).toBe('same-key');
    await api.addPayment('o1', { method: 'card', amount: { amount: 450, currency: 'EUR' } }, 'pay-key');
    expect(calls[1]!.url).toMatch(/\/api\/orders\/o1\/payments$/);
    expect(calls[1]!.headers['Idempotency-Key']).toBe('pay-key');
  });

  it('posts a refund with its body and Idempotency-Key, and none without a key', async () => {
    const { api, calls, session } = setup(() => json(201, { id: 'o1' }));
    session.setFromTokens(tokens(1));
    const refund = { amount: { amount: 300, currency: 'EUR' }, method: 'cash' as const, reason: 'cold', lines: [{ line_no: 1, quantity: 1 }] };
    await api.refundOrder('o 1', refund, 'refund-key');
    expect(calls[0]).toMatchObject({ method: 'POST', url: 'http://crema/api/orders/o%201/refunds', body: refund });
    expect(calls[0]!.headers['Idempotency-Key']).toBe('refund-key');
    await api.refundOrder('o1', { ...refund, cancel: true, approval: { username: 'boss', password: 'pw' } });
    expect(calls[1]!.body).toMatchObject({ cancel: true, approval: { username: 'boss', password: 'pw' } });
    expect(calls[1]!.headers).not.toHaveProperty('Idempotency-Key');
  });

  it('answers a refund above the limit with the typed approval_required code', async () => {
    const { api, session } = setup(() => json(403, { error: { code: 'approval_required', message: 'needs an admin' } }));
    session.setFromTokens(tokens(1));
    const e = await api.refundOrder('o1', { amount: { amount: 5000, currency: 'EUR' }, method: 'card', reason: 'x' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect([(e as ApiError).status, (e as ApiError).code]).toEqual([403, 'approval_required']);
  });

  it('refreshes once on 401 and retries, even for concurrent requests', async () => {
    let refreshed = 0;
    const { api, calls, session } = setup((c) => {
      if (c.url.endsWith('/api/auth/refresh')) {
        refreshed++;
        expect(c.body).toEqual({ refresh_token: 'r1' });
        return json(200, tokens(2));
      }
      return c.headers.Authorization === 'Bearer a2' ? json(200, { orders: [] }) : json(401, { error: { code: 'invalid_token', message: 'expired' } });
    });
    session.setFromTokens(tokens(1));
    await Promise.all([api.listOrders(['placed']), api.listOrders(['ready']), api.getOrder('x')]);
    expect(refreshed).toBe(1);
    expect(session.get()!.refreshToken).toBe('r2');
    expect(calls.filter((c) => c.headers.Authorization === 'Bearer a2')).toHaveLength(3);
  });

  it('refreshes ahead of time when the access token is about to expire', async () => {
    let t = 1_000_000;
    const { api, calls, session } = setup(
      (c) => (c.url.endsWith('/refresh') ? json(200, tokens(2)) : json(200, { orders: [] })),
      () => t,
    );
    session.setFromTokens(tokens(1));
    t += 890_000;
    await api.listOrders(['placed']);
    expect(calls.map((c) => c.url.replace('http://crema', ''))).toEqual(['/api/auth/refresh', '/api/orders?status=placed']);
  });

  it('ends the session when the refresh token was reused or revoked', async () => {
    const { api, session } = setup((c) =>
      c.url.endsWith('/refresh')
        ? json(401, { error: { code: 'token_reused', message: 'signed out everywhere' } })
        : json(401, { error: { code: 'invalid_token', message: 'expired' } }),
    );
    const ended: (string | undefined)[] = [];
    session.subscribe((s, reason) => ended.push(s ? 'signed-in' : reason));
    session.setFromTokens(tokens(1));
    const e = (await api.getOrder('x').catch((x: unknown) => x)) as ApiError;
    expect(e.code).toBe('token_reused');
    expect(session.get()).toBeNull();
    expect(ended).toEqual(['signed-in', 'expired']);
  });

  it('follows the event stream, reconnects, and says resync after a reconnect', async () => {
    let connects = 0;
    const { api, session } = setup(() => {
      connects++;
      const body =
        connects === 1
          ? 'event: order.created\ndata: {"id":"o1","status":"placed"}\n\n'
          : ': hi\n\nevent: menu.updated\ndata: {"currency":"EUR","categories":[]}\n\n';
      return new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
    });
    session.setFromTokens(tokens(1));
    const events: CremaEvent[] = [];
    const statuses: string[] = [];
    await new Promise<void>((resolve) => {
      const stop = api.subscribeEvents({
        onEvent: (e) => {
          events.push(e);
          if (e.type === 'menu.updated') {
            stop();
            resolve();
          }
        },
        onStatus: (s) => statuses.push(s),
      });
    });
    expect(events.map((e) => e.type)).toEqual(['order.created', 'resync', 'menu.updated']);
    expect(statuses).toEqual(['connecting', 'online', 'offline', 'online']);
  });

  it('says the stream is unavailable when the role may not follow events', async () => {
    const { api, session } = setup(() => json(403, { error: { code: 'forbidden', message: 'no' } }));
    session.setFromTokens(tokens(1, 'customer'));
    const s = await new Promise<string>((resolve) => {
      api.subscribeEvents({ onEvent: () => {}, onStatus: (x) => x === 'unavailable' && resolve(x) });
    });
    expect(s).toBe('unavailable');
  });

  it('makes v4 idempotency keys', () => {
    const k = newIdempotencyKey();
    expect(k).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newIdempotencyKey()).not.toBe(k);
  });
});
