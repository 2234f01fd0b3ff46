import type { invoke as tauriInvoke } from '@tauri-apps/api/core';
import type { Event, EventCallback, listen as tauriListen } from '@tauri-apps/api/event';
import { describe, expect, it } from 'vitest';
import { ApiError } from './errors';
import { isTauri, selectApi } from './index';
import { SessionStore, memoryStore } from './session';
import { createTauriApi, EVENT_CHANNEL, toApiError, type EventPayload } from './tauri';
import type { CremaEvent, Role, TokenPair } from './types';

type Call = { cmd: string; args: Record<string, unknown> };
type Handler = (c: Call) => unknown;

const tokens = (n: number, role: Role = 'cashier'): TokenPair => ({ access_token: `a${n}`, refresh_token: `r${n}`, token_type: 'Bearer', expires_in: 900, role });
const reject = (status: number, code: string, message = code) => {
  throw { status, code, message };
};

function setup(handler: Handler) {
  const calls: Call[] = [];
  const listeners = new Map<string, EventCallback<unknown>>();
  let unlistened = 0;
  const session = new SessionStore(memoryStore(), () => 1_000_000);
  const invoke = (async (cmd: string, args?: Record<string, unknown>) => {
    const c = { cmd, args: args ?? {} };
    calls.push(c);
    return handler(c);
  }) as typeof tauriInvoke;
  const listen = (async (event: string, cb: EventCallback<unknown>) => {
    listeners.set(event, cb);
    return () => {
      unlistened++;
      listeners.delete(event);
    };
  }) as unknown as typeof tauriListen;
  const api = createTauriApi({ session, invoke, listen, backoffMs: () => 5 });
  const emit = (payload: EventPayload) => listeners.get(EVENT_CHANNEL)?.({ event: EVENT_CHANNEL, id: 1, payload } as Event<unknown>);
  return { api, calls, session, emit, listeners, unlistened: () => unlistened };
}

const until = async (cond: () => boolean) => {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 2));
  expect(cond()).toBe(true);
};

describe('tauri transport', () => {
  it('signs in with a PIN through login_with_pin and keeps the tokens', async () => {
    const { api, calls, session } = setup(() => tokens(1));
    await api.loginWithPin('1234');
    expect(calls).toEqual([{ cmd: 'login_with_pin', args: { pin: '1234' } }]);
    expect(session.get()).toMatchObject({ accessToken: 'a1', refreshToken: 'r1', role: 'cashier' });
  });

  it('sends the command names and camelCase argument objects of the contract', async () => {
    const { api, calls, session } = setup((c) => (c.cmd === 'orders_csv' ? 'number,total\n' : {}));
    session.setFromTokens(tokens(1));
    await api.placeOrder({ lines: [], type: 'takeaway' }, 'key-1');
    await api.placeOrder({ lines: [], type: 'dine_in', table: '4' });
    await api.setOrderStatus('o1', { status: 'ready' });
    await api.addPayment('o1', { method: 'cash', amount: { amount: 450, currency: 'EUR' }, tendered: { amount: 500, currency: 'EUR' } });
    await api.addPayment('o1', { method: 'card', amount: { amount: 50, currency: 'EUR' }, tip: { amount: 20, currency: 'EUR' } }, 'pay-2');
    await api.refundOrder('o1', { amount: { amount: 300, currency: 'EUR' }, method: 'cash', reason: 'cold', lines: [{ line_no: 0, quantity: 1 }] }, 'refund-1');
    await api.refundOrder('o1', { amount: { amount: 200, currency: 'EUR' }, method: 'card', reason: 'gone', cancel: true, approval: { username: 'boss', password: 'pw' } });
    const csv = await api.ordersCsv('2025-01-01', '2025-01-31');
    await api.listOrders(['placed', 'ready']);
    await api.getMenu();
    await api.printReceipt('o1');
    await api.updateCoupon('SAVE', { active: false } as never);
    await api.completeSetup({ shop_name: 'X', currency: 'EUR', tax_mode: 'inclusive', tax_rate_bps: 700, admin_username: 'o', admin_password: 'secret12', cashiers: [], demo_menu: true });
    await api.desktop!.restartServer(8081);
    expect(csv).toBe('number,total\n');
    expect(calls).toEqual([
      { cmd: 'place_order', args: { token: 'a1', body: { lines: [], type: 'takeaway' }, idempotencyKey: 'key-1' } },
      { cmd: 'place_order', args: { token: 'a1', body: { lines: [], type: 'dine_in', table: '4' }, idempotencyKey: null } },
      { cmd: 'set_order_status', args: { token: 'a1', id: 'o1', change: { status: 'ready' } } },
      {
        cmd: 'add_payment',
        args: {
          token: 'a1',
          id: 'o1',
          payment: { method: 'cash', amount: { amount: 450, currency: 'EUR' }, tendered: { amount: 500, currency: 'EUR' } },
          idempotencyKey: null,
        },
      },
      {
        cmd: 'add_payment',
        args: { token: 'a1', id: 'o1', payment: { method: 'card', amount: { amount: 50, currency: 'EUR' }, tip: { amount: 20, currency: 'EUR' } }, idempotencyKey: 'pay-2' },
      },
      {
        cmd: 'refund_order',
        args: {
          token: 'a1',
          id: 'o1',
          refund: { amount: { amount: 300, currency: 'EUR' }, method: 'cash', reason: 'cold', lines: [{ line_no: 0, quantity: 1 }] },
          idempotencyKey: 'refund-1',
        },
      },
      {
        cmd: 'refund_order',
        args: {
          token: 'a1',
          id: 'o1',
          refund: { amount: { amount: 200, currency: 'EUR' }, method: 'card', reason: 'gone', cancel: true, approval: { username: 'boss', password: 'pw' } },
          idempotencyKey: null,
        },
      },
      { cmd: 'orders_csv', args: { token: 'a1', from: '2025-01-01', to: '2025-01-31' } },
      { cmd: 'list_orders', args: { token: 'a1', statuses: ['placed', 'ready'] } },
      { cmd: 'get_menu', args: {} },
      { cmd: 'print_receipt', args: { token: 'a1', id: 'o1' } },
      { cmd: 'update_coupon', args: { token: 'a1', code: 'SAVE', terms: { active: false } } },
      {
        cmd: 'complete_setup',
        args: { setup: { shop_name: 'X', currency: 'EUR', tax_mode: 'inclusive', tax_rate_bps: 700, admin_username: 'o', admin_password: 'secret12', cashiers: [], demo_menu: true } },
      },
      { cmd: 'restart_server', args: { token: 'a1', port: 8081 } },
    ]);
  });

  it('shifts and the Z report go through their commands; the report files are HTTP only', async () => {
    const eur = (amount: number) => ({ amount, currency: 'EUR' });
    const { api, calls, session } = setup(() => ({}));
    session.setFromTokens(tokens(1, 'admin'));
    await api.openShift({ opening_float: eur(10000) });
    await api.currentShift();
    await api.moveShiftCash({ kind: 'in', amount: eur(500), reason: 'coins' });
    await api.closeShift({ counted_cash: eur(10500) });
    await api.printXReport();
    await api.zReport('2025-01-31');
    await api.printZReport('2025-01-31');
    expect(calls).toEqual([
      { cmd: 'open_shift', args: { token: 'a1', shift: { opening_float: eur(10000) } } },
      { cmd: 'current_shift', args: { token: 'a1' } },
      { cmd: 'move_shift_cash', args: { token: 'a1', movement: { kind: 'in', amount: eur(500), reason: 'coins' } } },
      { cmd: 'close_shift', args: { token: 'a1', close: { counted_cash: eur(10500) } } },
      { cmd: 'print_x_report', args: { token: 'a1' } },
      { cmd: 'z_report', args: { token: 'a1', date: '2025-01-31' } },
      { cmd: 'print_z_report', args: { token: 'a1', date: '2025-01-31' } },
    ]);
    expect(api.zReportFile).toBeUndefined();
    const none = await setup(() => reject(404, 'no_open_shift')).api.currentShift().catch((x: unknown) => x);
    expect(none).toMatchObject({ status: 404, code: 'no_open_shift' });
  });

  it('station printers and loyalty go through their commands', async () => {
    const { api, calls, session } = setup((c) => (c.cmd === 'coupon_batch_csv' ? 'code\nAB12\n' : {}));
    session.setFromTokens(tokens(1, 'admin'));
    await api.listStationPrinters();
    await api.stationPrinterStatus();
    await api.updateStationPrinter('bar', { host: '10.0.0.7', port: 9100, paper_width_mm: 58 });
    await api.printStationTestPage('bar');
    await api.createCouponBatch!({ prefix: 'SUMMER', count: 5 } as never);
    const csv = await api.couponBatchCsv!('b1');
    await api.myLoyalty!();
    await api.customerLoyalty!('c1');
    expect(await csv.text()).toBe('code\nAB12\n');
    expect(csv.type).toContain('text/csv');
    expect(calls).toEqual([
      { cmd: 'list_station_printers', args: { token: 'a1' } },
      { cmd: 'station_printer_status', args: { token: 'a1' } },
      { cmd: 'update_station_printer', args: { token: 'a1', station: 'bar', printer: { host: '10.0.0.7', port: 9100, paper_width_mm: 58 } } },
      { cmd: 'print_station_test_page', args: { token: 'a1', station: 'bar' } },
      { cmd: 'create_coupon_batch', args: { token: 'a1', batch: { prefix: 'SUMMER', count: 5 } } },
      { cmd: 'coupon_batch_csv', args: { token: 'a1', id: 'b1' } },
      { cmd: 'my_loyalty', args: { token: 'a1' } },
      { cmd: 'customer_loyalty', args: { token: 'a1', id: 'c1' } },
    ]);
  });

  it('passes token null when signed out', async () => {
    const { api, calls } = setup(() => reject(401, 'unauthorized', 'Sign in first.'));
    await expect(api.listOrders(['placed'])).rejects.toMatchObject({ status: 401, code: 'unauthorized' });
    expect(calls).toEqual([{ cmd: 'list_orders', args: { token: null, statuses: ['placed'] } }]);
  });

  it('maps rejections to ApiError: {status, code, message} objects keep them, anything else is ipc', async () => {
    const { api, session } = setup(() => reject(422, 'coupon_invalid', 'this coupon has expired'));
    session.setFromTokens(tokens(1));
    const e = await api.placeOrder({ lines: [], type: 'takeaway' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ status: 422, code: 'coupon_invalid', message: 'this coupon has expired' });

    const s = await setup(() => Promise.reject('command get_menu not found')).api.getMenu().catch((x: unknown) => x);
    expect(s).toBeInstanceOf(ApiError);
    expect(s).toMatchObject({ status: 0, code: 'ipc', message: 'command get_menu not found' });
    expect(toApiError(new Error('boom'))).toMatchObject({ status: 0, code: 'ipc', message: 'Error: boom' });
  });

  it('on token_expired refreshes once and retries exactly once', async () => {
    let expired = true;
    const { api, calls, session } = setup((c) => {
      if (c.cmd === 'refresh') {
        expired = false;
        return tokens(2);
      }
      if (c.cmd === 'list_orders' && c.args.token === 'a1' && expired) reject(401, 'token_expired', 'expired');
      return { orders: [] };
    });
    session.setFromTokens(tokens(1));
    // Two commands at once share one refresh.
    await Promise.all([api.listOrders(['placed']), api.listOrders(['ready'])]);
    expect(calls.filter((c) => c.cmd === 'refresh')).toEqual([{ cmd: 'refresh', args: { refreshToken: 'r1' } }]);
    expect(calls.filter((c) => c.cmd === 'list_orders').map((c) => c.args.token)).toEqual(['a1', 'a1', 'a2', 'a2']);
    expect(session.get()?.accessToken).toBe('a2');

    // Still expired after the refresh: no second retry.
    const again = setup((c) => (c.cmd === 'refresh' ? tokens(3) : reject(401, 'token_expired')));
    again.session.setFromTokens(tokens(1));
    await expect(again.api.getOrder('o1')).rejects.toMatchObject({ code: 'token_expired' });
    expect(again.calls.map((c) => c.cmd)).toEqual(['get_order', 'refresh', 'get_order']);
  });

  it('ends the session when the refresh is refused', async () => {
    const reasons: (string | undefined)[] = [];
    const { api, session } = setup((c) => (c.cmd === 'refresh' ? reject(401, 'token_reused') : reject(401, 'token_expired')));
    session.setFromTokens(tokens(1));
    session.subscribe((_s, r) => reasons.push(r));
    await expect(api.listOrders(['placed'])).rejects.toMatchObject({ code: 'token_reused' });
    expect(session.get()).toBeNull();
    expect(reasons).toEqual(['expired']);
  });

  it('follows events of its own subscription only and unsubscribes on dispose', async () => {
    const { api, calls, session, emit, listeners, unlistened } = setup((c) => (c.cmd === 'subscribe_events' ? 'sub-1' : undefined));
    session.setFromTokens(tokens(1));
    const events: CremaEvent[] = [];
    const statuses: string[] = [];
    const stop = api.subscribeEvents({ onEvent: (e) => events.push(e), onStatus: (s) => statuses.push(s) });
    await until(() => statuses.includes('online'));
    expect(calls).toEqual([{ cmd: 'subscribe_events', args: { token: 'a1' } }]);
    expect(statuses).toEqual(['connecting', 'online']);

    emit({ subscription: 'sub-2', name: 'resync', data: '' });
    emit({ subscription: 'sub-1', name: 'order.created', data: '{"id":"o1","number":7}' });
    emit({ subscription: 'sub-1', name: 'printer.status', data: '{"configured":true,"online":false,"pending":[],"last_error":"paper out"}' });
    emit({ subscription: 'sub-1', name: 'keep-alive', data: '' });
    emit({ subscription: 'sub-1', name: 'resync', data: '' });
    expect(events).toEqual([
      { type: 'order.created', order: { id: 'o1', number: 7 } },
      { type: 'printer.status', status: { configured: true, online: false, pending: [], last_error: 'paper out' } },
      { type: 'resync' },
    ]);

    stop();
    await until(() => calls.length === 2);
    expect(calls[1]).toEqual({ cmd: 'unsubscribe_events', args: { id: 'sub-1' } });
    expect(unlistened()).toBe(1);
    expect(listeners.size).toBe(0);
    emit({ subscription: 'sub-1', name: 'resync', data: '' });
    expect(events).toHaveLength(3);
  });

  it('refreshes and subscribes again when subscribe_events meets an expired token', async () => {
    const { api, calls, session } = setup((c) => {
      if (c.cmd === 'refresh') return tokens(2);
      if (c.cmd === 'subscribe_events') return c.args.token === 'a1' ? reject(401, 'token_expired') : 'sub-9';
      return undefined;
    });
    session.setFromTokens(tokens(1));
    const statuses: string[] = [];
    const stop = api.subscribeEvents({ onEvent: () => {}, onStatus: (s) => statuses.push(s) });
    await until(() => statuses.includes('online'));
    expect(calls.map((c) => [c.cmd, c.args.token ?? c.args.refreshToken])).toEqual([
      ['subscribe_events', 'a1'],
      ['refresh', 'r1'],
      ['subscribe_events', 'a2'],
    ]);
    stop();
  });
});

describe('transport selection', () => {
  it('uses Tauri inside the desktop webview and HTTP in a browser', () => {
    expect(isTauri({ __TAURI_INTERNALS__: {} })).toBe(true);
    expect(isTauri({})).toBe(false);
    expect(isTauri(undefined)).toBe(false);
    const session = new SessionStore(memoryStore());
    expect(selectApi(session, true).desktop).toBeDefined();
    expect(selectApi(session, false).desktop).toBeUndefined();
  });
});
