// Kitchen stations in real Chromium against the real `crema serve`: the bar's board shows
// only the bar's lines, each station bumps its own, the order is ready once both have, and
// the customer's number screen shows the ready time and then "ready".
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ROOT, USERS, VIEWPORTS, apiClient, axeViolations, launchBrowser, newPage, signIn, startServer } from './harness.mjs';
import { overflowing } from './layout.mjs';

setTimeout(() => {
  console.error('e2e: global time limit reached');
  process.exit(1);
}, 90_000).unref();

let server, browser, api;
const PHONE = { width: 390, height: 844 };

describe('kitchen stations and ready times', { timeout: 80_000 }, () => {
  before(async () => {
    server = await startServer();
    api = apiClient(server.url);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('routes lines to their station, bumps them there and tells the customer', { timeout: 60_000 }, async () => {
    const menu = (await api.call('GET', '/api/menu')).body;
    const items = menu.categories.flatMap((c) => c.items.map((i) => ({ ...i, station: c.station })));
    const tea = items.find((i) => i.name === 'Green tea');
    const cake = items.find((i) => i.name === 'Carrot cake');
    assert.equal(tea.station, 'bar');
    assert.equal(cake.station, 'kitchen');
    const token = await api.login(USERS.cashier);
    const r = await api.call('POST', '/api/orders', { type: 'dine_in', table: '4', lines: [{ item_id: tea.id, quantity: 2 }, { item_id: cake.id, quantity: 1 }] }, token);
    assert.equal(r.status, 201, JSON.stringify(r.body));
    const order = r.body;
    // Two more orders at the bar, so that its board shows a queue.
    const simple = items.filter((i) => i.station === 'bar' && i.available && i.modifier_groups.every((g) => g.min === 0) && i.id !== tea.id);
    for (const [i, item] of simple.slice(0, 2).entries()) {
      const more = await api.call('POST', '/api/orders', { type: 'takeaway', lines: [{ item_id: item.id, quantity: i + 1, note: i === 0 ? 'extra hot' : undefined }, { item_id: cake.id, quantity: 1 }] }, token);
      assert.equal(more.status, 201, JSON.stringify(more.body));
    }
    assert.ok(Date.parse(order.estimated_ready_at) >= Date.parse(order.created_at), JSON.stringify(order));

    // The customer's number screen, on a phone: the ready time.
    const customer = await newPage(browser, PHONE);
    await customer.goto(`${server.url}/login`);
    await signIn(customer, USERS.cashier);
    await customer.waitForURL((u) => !u.pathname.startsWith('/login'));
    await customer.goto(`${server.url}/kiosk/order/${order.id}`);
    const readyTime = customer.getByTestId('ready-time');
    await readyTime.waitFor();
    assert.match(await readyTime.textContent(), /Ready at about \d{1,2}:\d{2}/);
    assert.equal(await readyTime.getAttribute('data-at'), order.estimated_ready_at);

    // The bar's board: only the tea, the cake said to be elsewhere.
    const bar = await newPage(browser, VIEWPORTS.counter);
    await bar.goto(`${server.url}/kitchen?station=bar`);
    await signIn(bar, USERS.kitchen);
    const barTicket = bar.locator(`[data-testid="station-ticket"][data-number="${order.number}"]`);
    await barTicket.waitFor();
    const barLines = barTicket.getByTestId('station-line');
    assert.equal(await barLines.count(), 1);
    assert.match(await barLines.first().textContent(), /2×\s*Green tea/);
    assert.match(await barTicket.locator('.station-elsewhere').textContent(), /Carrot cake/);
    assert.equal(await bar.getByRole('link', { name: 'bar' }).getAttribute('aria-current'), 'page');
    assert.deepEqual(await axeViolations(bar), []);
    assert.deepEqual(await overflowing(bar), []);
    // `E2E_DOCS=1` saves the bar's board for the README.
    if (process.env.E2E_DOCS === '1') {
      mkdirSync(path.join(ROOT, 'docs'), { recursive: true });
      await bar.screenshot({ path: path.join(ROOT, 'docs', 'station-board.png') });
    }

    // The bar makes the tea: the order is started, and moves to the bar's Made column.
    await barLines.first().click();
    await bar.getByTestId('col-made').locator(`[data-number="${order.number}"]`).waitFor();
    await customer.locator('[data-testid="your-number"][data-status="in_progress"]').waitFor();

    // The kitchen's board, on a phone: only the cake; Done makes the order ready.
    const kitchen = await newPage(browser, PHONE);
    await kitchen.goto(`${server.url}/kitchen?station=kitchen`);
    await signIn(kitchen, USERS.kitchen);
    const kitchenTicket = kitchen.locator(`[data-testid="station-ticket"][data-number="${order.number}"]`);
    await kitchenTicket.waitFor();
    assert.equal(await kitchenTicket.getByTestId('station-line').count(), 1);
    assert.match(await kitchenTicket.getByTestId('station-line').textContent(), /Carrot cake/);
    assert.deepEqual(await overflowing(kitchen), []);
    assert.deepEqual(await axeViolations(kitchen), []);
    await kitchenTicket.getByTestId('station-done').click();

    // Ready: the customer sees it, and the ready time is gone.
    await customer.locator('[data-testid="your-number"][data-status="ready"]').waitFor({ timeout: 8000 });
    assert.equal(await customer.getByTestId('ready-time').count(), 0);
    assert.deepEqual(await axeViolations(customer), []);

    // A recall at the bar takes the order back into the making.
    await bar.getByTestId('col-made').locator(`[data-number="${order.number}"]`).getByTestId('station-recall').click();
    await bar.getByTestId('col-to-make').locator(`[data-number="${order.number}"]`).waitFor();
    await customer.locator('[data-testid="your-number"][data-status="in_progress"]').waitFor({ timeout: 8000 });
    await customer.getByTestId('ready-time').waitFor();

    for (const p of [customer, bar, kitchen]) assert.deepEqual(p.errors, []);
    // The full board still shows the whole order, the cake struck through.
    const all = await newPage(browser, VIEWPORTS.counter);
    await all.goto(`${server.url}/kitchen`);
    await signIn(all, USERS.kitchen);
    const ticket = all.locator(`[data-testid="ticket"][data-number="${order.number}"]`);
    await ticket.waitFor();
    assert.equal(await ticket.locator('.ticket-line.is-done').count(), 1);
    await ticket.getByTestId('ticket-eta').waitFor();
  });
});
