// Ordering at the table in real Chromium against the real `crema serve`: a guest opens the
// table's QR link on a phone, orders without an account, the bar's board shows only the bar's
// lines, and the guest's page follows the order live: the ready time, then "ready".
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ROOT, USERS, VIEWPORTS, addItem, apiClient, axeViolations, launchBrowser, newPage, signIn, startServer } from './harness.mjs';
import { overflowing } from './layout.mjs';

setTimeout(() => {
  console.error('e2e: global time limit reached');
  process.exit(1);
}, 90_000).unref();

let server, browser, api;
const PHONE = { width: 390, height: 844 };

describe('ordering at the table by QR code', { timeout: 80_000 }, () => {
  before(async () => {
    server = await startServer();
    api = apiClient(server.url);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a guest orders from their phone and follows the order until it is ready', { timeout: 70_000 }, async () => {
    const admin = await api.login(USERS.admin);
    const t = await api.call('POST', '/api/tables', { name: '12', area: 'Terrace' }, admin);
    assert.equal(t.status, 201, JSON.stringify(t.body));
    const menu = (await api.call('GET', '/api/menu')).body;
    const items = menu.categories.flatMap((c) => c.items.map((i) => ({ ...i, station: c.station })));
    const tea = items.find((i) => i.name === 'Green tea');
    const cake = items.find((i) => i.name === 'Carrot cake');
    assert.equal(tea.station, 'bar');
    assert.equal(cake.station, 'kitchen');

    // The guest "scans" the table's QR code: its link, on a phone, with no sign-in.
    const phone = await newPage(browser, PHONE);
    await phone.goto(`${server.url}/t/${t.body.code}`);
    await phone.getByTestId('guest-table').waitFor();
    assert.match(await phone.getByTestId('guest-table').textContent(), /table 12 \(Terrace\)/);
    assert.equal(await phone.getByRole('heading', { level: 1 }).textContent(), 'Table 12');
    await phone.getByRole('tab').first().waitFor();
    assert.deepEqual(await overflowing(phone), []);
    assert.deepEqual(await axeViolations(phone), []);
    const docs = process.env.E2E_DOCS === '1' ? path.join(ROOT, 'docs') : null;
    if (docs) {
      mkdirSync(docs, { recursive: true });
      await phone.screenshot({ path: path.join(docs, 'qr-ordering-menu.png') });
    }
    await addItem(phone, menu, tea);
    await addItem(phone, menu, cake);
    await phone.getByTestId('cart-drawer-open').click();
    // The server's total for the cart, asked with the guest's own session.
    await phone.getByTestId('cart-drawer').getByText(/Total/).first().waitFor();
    const place = phone.getByTestId('place-order');
    assert.equal((await place.textContent()).trim(), 'Order to table 12');
    await place.click();

    // The guest's orders: the number, "received", the ready time.
    const card = phone.getByTestId('guest-order');
    await card.waitFor();
    const number = Number(await card.getByTestId('guest-order-number').textContent());
    assert.ok(number > 0);
    assert.equal(await card.getAttribute('data-status'), 'placed');
    assert.match(await card.getByTestId('guest-order-state').textContent(), /Received/);
    const readyTime = card.getByTestId('ready-time');
    await readyTime.waitFor();
    assert.match(await readyTime.textContent(), /Ready at about \d{1,2}:\d{2}/);
    assert.match(await card.textContent(), /please pay at the counter/);
    assert.deepEqual(await overflowing(phone), []);
    assert.deepEqual(await axeViolations(phone), []);
    // `E2E_DOCS=1` saves the guest's phone (the menu above, the order here) for the README.
    if (docs) await phone.screenshot({ path: path.join(docs, 'qr-ordering.png') });

    // The staff see it as the table's order; the bar's board shows only the tea.
    const cashier = await api.login(USERS.cashier);
    const open = (await api.call('GET', '/api/orders', undefined, cashier)).body;
    const order = (open.orders ?? open).find((o) => o.number === number);
    assert.equal(order.table, '12');
    assert.equal(order.type, 'dine_in');
    const bar = await newPage(browser, VIEWPORTS.tablet);
    await bar.goto(`${server.url}/kitchen?station=bar`);
    await signIn(bar, USERS.kitchen);
    const barTicket = bar.locator(`[data-testid="station-ticket"][data-number="${number}"]`);
    await barTicket.waitFor();
    const barLines = barTicket.getByTestId('station-line');
    assert.equal(await barLines.count(), 1);
    assert.match(await barLines.first().textContent(), /Green tea/);
    assert.doesNotMatch(await barLines.first().textContent(), /Carrot cake/);

    // The bar makes the tea: the guest's page says it is being prepared, live.
    await barLines.first().click();
    await phone.locator('[data-testid="guest-order"][data-status="in_progress"]').waitFor({ timeout: 8000 });
    await card.getByTestId('ready-time').waitFor();

    // The kitchen finishes the cake: ready, and the ready time is gone.
    const kitchen = await newPage(browser, VIEWPORTS.tablet);
    await kitchen.goto(`${server.url}/kitchen?station=kitchen`);
    await signIn(kitchen, USERS.kitchen);
    const kitchenTicket = kitchen.locator(`[data-testid="station-ticket"][data-number="${number}"]`);
    await kitchenTicket.getByTestId('station-done').click();
    await phone.locator('[data-testid="guest-order"][data-status="ready"]').waitFor({ timeout: 8000 });
    assert.match(await card.getByTestId('guest-order-state').textContent(), /Ready! It is on its way to table 12/);
    assert.equal(await card.getByTestId('ready-time').count(), 0);
    // A reload keeps the guest's orders (their session and order list stay on the phone).
    await phone.reload();
    await phone.locator('[data-testid="guest-order"][data-status="ready"]').waitFor();
    assert.deepEqual(await axeViolations(phone), []);

    // Another phone at the table, in German: its own session, none of the first guest's orders.
    const other = await newPage(browser, PHONE, 'de-DE');
    await other.goto(`${server.url}/t/${t.body.code.toLowerCase()}`);
    await other.getByTestId('guest-table').waitFor();
    assert.equal(await other.getByRole('heading', { level: 1 }).textContent(), 'Tisch 12');
    assert.match(await other.getByTestId('guest-table').textContent(), /Sie bestellen für Tisch 12/);
    assert.equal(await other.getByTestId('guest-order').count(), 0);
    assert.equal(await other.getByTestId('guest-orders-tab').count(), 0, 'no orders yet: no switch to them');
    await other.getByTestId('cart-drawer-open').click();
    assert.equal((await other.getByTestId('place-order').textContent()).trim(), 'An Tisch 12 bestellen');
    assert.deepEqual(await overflowing(other), []);
    assert.deepEqual(await axeViolations(other), []);

    // A code that names no table: said plainly, in the guest's language.
    const stale = await newPage(browser, PHONE, 'de-DE');
    await stale.goto(`${server.url}/t/ZZZZZZZZZZ`);
    await stale.getByTestId('guest-error').waitFor();
    assert.match(await stale.getByTestId('guest-error').textContent(), /gilt nicht mehr/);

    for (const p of [phone, bar, kitchen, other, stale]) assert.deepEqual(p.errors, []);
  });
});
