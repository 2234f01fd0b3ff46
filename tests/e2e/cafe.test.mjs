// The café loop in real Chromium against the real `crema serve`:
// kiosk → kitchen board → counter, live menu changes, a dropped response, PIN, coupon.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CASHIER_PIN,
  SHOTS,
  USERS,
  VIEWPORTS,
  addItem,
  apiClient,
  axeViolations,
  launchBrowser,
  newPage,
  screenshotBoth,
  signIn,
  startServer,
} from './harness.mjs';

// Nothing here may hang: the whole file gets four minutes.
setTimeout(() => {
  console.error('e2e: global time limit reached');
  process.exit(1);
}, 240_000).unref();

const ALL = 'placed,in_progress,ready,completed,cancelled';
let server, browser, api, adminToken, menu;
const axeReport = [];

async function check(page, name) {
  await screenshotBoth(page, name);
  const v = await axeViolations(page);
  axeReport.push({ name, v });
  assert.deepEqual(v, [], `axe: serious/critical violations on ${name}: ${JSON.stringify(v, null, 1)}`);
}

async function pairKiosk(page, name, code) {
  const r = code ? { status: 201, body: { code } } : await api.call('POST', '/api/devices/pairing-codes', { name }, adminToken);
  if (r.status === 404) {
    // Servers without pairing: a registered customer orders instead.
    await page.goto(`${server.url}/account`);
    await page.getByLabel('Name').fill(name);
    await page.getByLabel('E-mail').fill(`${name.replace(/\W/g, '').toLowerCase()}-${Date.now()}@example.com`);
    await page.getByLabel('Password').fill('a-long-password-1');
    await page.getByRole('button', { name: 'Create account' }).last().click();
  } else {
    assert.equal(r.status, 201, JSON.stringify(r.body));
    await page.goto(`${server.url}/pair`);
    await page.getByTestId('pair-code').fill(r.body.code);
    // These tablets follow their order to the end: no return to the menu meanwhile.
    await page.getByTestId('return-after').fill('600');
    await page.getByRole('button', { name: 'Pair', exact: true }).click();
  }
  await page.waitForURL(/\/kiosk$/);
  await page.getByTestId('menu-item').first().waitFor();
}

async function countOrders() {
  const r = await api.call('GET', `/api/orders?status=${ALL}`, undefined, adminToken);
  assert.equal(r.status, 200);
  return r.body.orders.length;
}

const available = () => menu.categories.flatMap((c) => c.items).filter((i) => i.available);

describe('café in a browser', { timeout: 200_000 }, () => {
  before(async () => {
    server = await startServer();
    api = apiClient(server.url);
    adminToken = await api.login(USERS.admin);
    menu = (await api.call('GET', '/api/menu')).body;
    browser = await launchBrowser();
    console.log(`# server ${server.url}, screenshots in ${SHOTS}`);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('kiosk order → kitchen board → counter takes cash with change', { timeout: 90_000 }, async () => {
    // A drink with a required choice (size) and an optional one (syrup, extra shot…).
    const coffee =
      available().find((i) => i.modifier_groups.some((g) => g.min >= 1) && i.modifier_groups.some((g) => g.min === 0)) ??
      available().find((i) => i.modifier_groups.length > 0);
    const optional = coffee.modifier_groups.find((g) => g.min === 0)?.options[0];
    const simple = available().find((i) => i.modifier_groups.length === 0) ?? coffee;

    // Kitchen and counter staff sign in.
    const board = await newPage(browser, VIEWPORTS.counter);
    await board.goto(`${server.url}/kitchen`);
    await check(board, 'login');
    await signIn(board, USERS.kitchen);
    await board.getByRole('heading', { name: 'Kitchen' }).waitFor();
    await board.locator('[data-testid="stream-status"][data-status="online"]').waitFor();

    const counter = await newPage(browser, VIEWPORTS.counter);
    await counter.goto(`${server.url}/counter`);
    await signIn(counter, USERS.cashier);
    await counter.getByRole('heading', { name: 'Counter' }).waitFor();

    // The owner creates a pairing code; the tablet enters it, then orders.
    const admin = await newPage(browser, VIEWPORTS.counter);
    await admin.goto(`${server.url}/admin`);
    await signIn(admin, USERS.admin);
    await admin.getByRole('tab', { name: 'Devices' }).click();
    await admin.getByLabel('New device name').fill('Tablet 1');
    await admin.getByRole('button', { name: 'Create pairing code' }).click();
    const code = (await admin.getByTestId('pairing-code').textContent()).trim();
    assert.match(code, /^\d{6}$/);
    await admin.getByRole('img', { name: /QR code/ }).waitFor();
    await check(admin, 'admin');
    const kiosk = await newPage(browser, VIEWPORTS.tablet);
    await kiosk.goto(`${server.url}/pair`);
    await check(kiosk, 'pair');
    await pairKiosk(kiosk, 'Tablet 1', code);
    await admin.reload();
    await admin.getByText('Tablet 1').first().waitFor();
    await check(kiosk, 'kiosk-menu');
    await kiosk.getByRole('tab', { name: menu.categories.find((c) => c.items.includes(coffee)).name, exact: true }).click();
    await kiosk.locator(`[data-item-id="${coffee.id}"]`).click();
    await kiosk.getByTestId('modifier-add').waitFor();
    if (optional) await kiosk.getByRole('dialog').getByRole('checkbox', { name: new RegExp(`^${optional.name}`) }).click();
    await check(kiosk, 'kiosk-modifiers');
    await kiosk.getByTestId('modifier-add').click();
    await addItem(kiosk, menu, simple);
    assert.equal(await kiosk.getByTestId('cart-line').count(), simple === coffee ? 1 : 2);
    await check(kiosk, 'kiosk-cart');
    await kiosk.getByTestId('place-order').click();
    await kiosk.waitForURL(/\/kiosk\/order\//);
    const number = Number(await kiosk.getByTestId('order-number').textContent());
    assert.ok(number > 0);
    await check(kiosk, 'kiosk-number');

    // It appears on the board; the cook advances it twice.
    const ticket = board.locator(`[data-testid="ticket"][data-number="${number}"]`);
    await board.getByTestId('col-placed').locator(`[data-number="${number}"]`).waitFor({ timeout: 5000 });
    if (optional) await ticket.getByText(optional.name).waitFor();
    await check(board, 'board');
    await ticket.click();
    await board.getByTestId('col-in_progress').locator(`[data-number="${number}"]`).waitFor();
    await ticket.click();
    await board.getByTestId('col-ready').locator(`[data-number="${number}"]`).waitFor();

    // The customer's screen follows the order.
    await kiosk.locator('[data-testid="your-number"][data-status="ready"]').waitFor({ timeout: 8000 });

    // The counter sees it ready and takes cash.
    await counter.getByTestId('orders-tab').click();
    const row = counter.locator(`[data-testid="order-row"][data-number="${number}"]`);
    await counter.locator(`[data-testid="order-row"][data-number="${number}"][data-status="ready"]`).waitFor();
    await check(counter, 'counter-orders');
    await row.getByTestId('pay').click();
    const order = (await api.call('GET', `/api/orders?status=ready`, undefined, adminToken)).body.orders.find((o) => o.number === number);
    const due = order.total.amount;
    const tendered = Math.ceil((due + 1) / 1000) * 1000; // the next 10 € note above the total
    for (const d of String(tendered / 100)) await counter.getByRole('group', { name: 'Cash given' }).getByRole('button', { name: d, exact: true }).click();
    const change = new Intl.NumberFormat('en', { style: 'currency', currency: order.total.currency }).format((tendered - due) / 100);
    assert.match(await counter.getByTestId('change-preview').textContent(), new RegExp(change.replace(/[.$]/g, '\\$&')));
    await check(counter, 'counter-payment');
    await counter.getByTestId('confirm-payment').click();
    await counter.getByTestId('paid').waitFor();
    assert.match(await counter.getByTestId('change-due').textContent(), new RegExp(change.replace(/[.$]/g, '\\$&')));
    await check(counter, 'counter-paid');
    // The receipt: print CSS shows only it.
    await counter.evaluate(() => {
      window.print = () => {
        window.__printed = true;
      };
    });
    await counter.getByRole('button', { name: 'Print receipt' }).click();
    assert.equal(await counter.evaluate(() => window.__printed), true);
    await counter.emulateMedia({ media: 'print' });
    const receipt = counter.locator('.receipt');
    assert.equal(await receipt.isVisible(), true);
    assert.match(await receipt.textContent(), new RegExp(`Order ${number}`));
    assert.equal(await counter.getByTestId('paid').isVisible(), false);
    await counter.screenshot({ path: `${SHOTS}/receipt-print.png` });
    await counter.emulateMedia({ media: 'screen' });
    await counter.getByRole('button', { name: 'Done' }).click();
    await row.getByTestId('hand-over').click();
    await row.waitFor({ state: 'detached' });

    const final = (await api.call('GET', `/api/orders/${order.id}`, undefined, adminToken)).body;
    assert.equal(final.status, 'completed');
    assert.equal(final.paid, true);
    assert.equal(final.change_due.amount, tendered - due);
    await kiosk.locator('[data-testid="your-number"][data-status="completed"]').waitFor({ timeout: 8000 });

    // The owner's dashboard counts it.
    await admin.goto(`${server.url}/reports`);
    await admin.getByTestId('kpi-orders').getByText('1', { exact: true }).waitFor();
    const revenue = new Intl.NumberFormat('en-GB', { style: 'currency', currency: order.total.currency }).format(due / 100);
    assert.equal((await admin.getByTestId('kpi-revenue').locator('.kpi-value').textContent()).trim(), revenue);
    await admin.locator('.recharts-bar-rectangle').first().waitFor();
    await check(admin, 'dashboard');
    const download = admin.waitForEvent('download');
    await admin.getByRole('button', { name: 'Export orders (CSV)' }).click();
    const csv = await (await download).createReadStream();
    let text = '';
    for await (const chunk of csv) text += chunk;
    assert.ok(text.split('\n').length >= 2, `CSV has a header and the order: ${text}`);

    // The counter's order screen, for the README.
    await counter.getByRole('tab', { name: 'New order' }).click();
    await addItem(counter, menu, coffee);
    await check(counter, 'counter');
    for (const p of [board, counter, kiosk]) assert.deepEqual(p.errors, []);
  });

  it('an open kiosk shows a price change and a sold-out item without a reload', { timeout: 40_000 }, async () => {
    const kiosk = await newPage(browser);
    await pairKiosk(kiosk, 'Tablet 2');
    const category = menu.categories.find((c) => c.items.filter((i) => i.available).length >= 2);
    const [priced, soldOut] = category.items.filter((i) => i.available);
    await kiosk.getByRole('tab', { name: category.name, exact: true }).click();
    const newPrice = priced.price.amount + 55;
    let r = await api.call('PATCH', `/api/items/${priced.id}`, { price: { amount: newPrice, currency: priced.price.currency } }, adminToken);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    r = await api.call('PATCH', `/api/items/${soldOut.id}`, { available: false }, adminToken);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const formatted = new Intl.NumberFormat('en-GB', { style: 'currency', currency: priced.price.currency }).format(newPrice / 100);
    await kiosk.locator(`[data-item-id="${priced.id}"]`).getByText(formatted).waitFor({ timeout: 5000 });
    await kiosk.locator(`[data-item-id="${soldOut.id}"].sold-out`).waitFor({ timeout: 5000 });
    assert.equal(await kiosk.locator(`[data-item-id="${soldOut.id}"]`).isDisabled(), true);
    await kiosk.getByText('Sold out').first().waitFor();
    await check(kiosk, 'kiosk-sold-out');
    // put the menu back for the other tests
    await api.call('PATCH', `/api/items/${soldOut.id}`, { available: true }, adminToken);
    await api.call('PATCH', `/api/items/${priced.id}`, { price: priced.price }, adminToken);
  });

  it('a kiosk retries after a dropped response (and a reload) and only one order exists', { timeout: 40_000 }, async () => {
    const kiosk = await newPage(browser);
    await pairKiosk(kiosk, 'Tablet 3');
    const item = available().find((i) => i.modifier_groups.length === 0) ?? available()[0];
    await addItem(kiosk, menu, item);
    const before = await countOrders();
    let reached = 0;
    const keys = [];
    if (process.env.E2E_DEBUG) {
      kiosk.on('request', (r) => r.url().includes('/api/') && console.log('# req', r.method(), r.url(), kiosk.url()));
      kiosk.on('requestfailed', (r) => r.url().includes('/api/') && console.log('# failed', r.method(), r.url(), r.failure()?.errorText));
    }
    await kiosk.route('**/api/orders', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      keys.push(route.request().headers()['idempotency-key']);
      if (process.env.E2E_DEBUG) console.log('# POST /api/orders', reached, kiosk.url());
      if (reached++ === 0) {
        const res = await route.fetch(); // the server commits the order…
        assert.equal(res.status(), 201);
        return route.abort('connectionreset'); // …but the answer never arrives
      }
      return route.continue();
    });
    await kiosk.getByTestId('place-order').click();
    await kiosk.getByTestId('order-error').waitFor(); // the kiosk saw the connection drop
    assert.equal(await kiosk.getByTestId('retry').isEnabled(), true);
    assert.equal(await countOrders(), before + 1);
    await check(kiosk, 'kiosk-retry');
    // The tablet is reloaded before anyone taps Retry: the pending order is sent again with the same key.
    await kiosk.reload();
    await kiosk.waitForURL(/\/kiosk\/order\//);
    await kiosk.getByTestId('order-number').waitFor();
    assert.equal(reached, 2);
    assert.equal(keys[0], keys[1]);
    assert.equal(await countOrders(), before + 1);
  });

  it('a customer registers, orders and finds the order in their history', { timeout: 30_000 }, async () => {
    const page = await newPage(browser);
    await page.goto(`${server.url}/account`);
    await page.getByLabel('Name').fill('Ada');
    await page.getByLabel('E-mail').fill(`ada-${Date.now()}@example.com`);
    await page.getByLabel('Password').fill('a-long-password-1');
    await check(page, 'account');
    await page.getByRole('button', { name: 'Create account' }).last().click();
    await page.waitForURL(/\/kiosk$/);
    await addItem(page, menu, available()[0]);
    await page.getByTestId('place-order').click();
    await page.waitForURL(/\/kiosk\/order\//);
    const number = await page.getByTestId('order-number').textContent();
    await page.getByRole('link', { name: 'New order' }).click();
    await page.getByRole('button', { name: 'My orders' }).click();
    await page.getByRole('dialog').getByText(`#${number}`).waitFor();
    await check(page, 'customer-history');
  });

  it('a cashier signs in with a PIN', { timeout: 20_000 }, async () => {
    const page = await newPage(browser, VIEWPORTS.counter);
    await page.goto(`${server.url}/counter`);
    await page.getByRole('tab', { name: 'PIN' }).click();
    const pad = page.getByRole('group', { name: 'PIN' });
    for (const d of CASHIER_PIN) await pad.getByRole('button', { name: d, exact: true }).click();
    await check(page, 'login-pin');
    await page.getByTestId('pin-submit').click();
    await page.getByRole('heading', { name: 'Counter' }).waitFor();

    // The cashier finds Ada (registered above), attaches her and takes a card payment.
    await addItem(page, menu, available()[0]);
    await page.getByRole('button', { name: 'Add customer' }).click();
    await page.getByLabel('Name, phone or e-mail').fill('Ada');
    await page.getByRole('dialog').getByRole('button', { name: /Ada/ }).first().click();
    await page.getByTestId('customer-chip').getByText('Ada').waitFor();
    await check(page, 'counter-customer');
    await page.getByTestId('place-order').click();
    await page.getByRole('radio', { name: 'Card' }).click();
    await page.getByTestId('confirm-payment').click();
    await page.getByTestId('paid').waitFor();
    const number = Number((await page.locator('.paid .big-number').textContent()).replace('#', ''));
    const placed = (await api.call('GET', '/api/orders?status=placed', undefined, adminToken)).body.orders.find((o) => o.number === number);
    assert.ok(placed?.customer_id, 'the order carries the customer');
    assert.equal(placed.paid, true);
  });

  it('the board shows "offline" while disconnected and catches up when back', { timeout: 40_000 }, async () => {
    const board = await newPage(browser, VIEWPORTS.counter);
    await board.goto(`${server.url}/kitchen`);
    await signIn(board, USERS.kitchen);
    await board.locator('[data-testid="stream-status"][data-status="online"]').waitFor();
    await board.context().setOffline(true);
    await board.getByTestId('offline').waitFor({ timeout: 10_000 });
    await check(board, 'board-offline');
    const cashierToken = await api.login(USERS.cashier);
    const item = available().find((i) => i.modifier_groups.length === 0) ?? available()[0];
    const placed = await api.call('POST', '/api/orders', { lines: [{ item_id: item.id, quantity: 1 }], type: 'dine_in', table: '7' }, cashierToken);
    assert.equal(placed.status, 201);
    await board.context().setOffline(false);
    await board.locator('[data-testid="stream-status"][data-status="online"]').waitFor({ timeout: 15_000 });
    await board.locator(`[data-testid="ticket"][data-number="${placed.body.number}"]`).getByText('Table 7').waitFor({ timeout: 5000 });
  });

  it('an ended session shows the sign-in screen with a clear message', { timeout: 20_000 }, async () => {
    const page = await newPage(browser);
    await page.goto(`${server.url}/kitchen`);
    await signIn(page, USERS.kitchen);
    await page.getByRole('heading', { name: 'Kitchen' }).waitFor();
    // The access token has expired and the refresh token was revoked elsewhere.
    await page.evaluate(() => {
      const s = JSON.parse(localStorage.getItem('crema.session'));
      localStorage.setItem('crema.session', JSON.stringify({ ...s, expiresAt: 0, refreshToken: 'revoked' }));
    });
    await page.reload();
    await page.getByText('Your session has ended. Please sign in again.').waitFor();
    await page.getByTestId('login-tab-password').click();
    await page.getByLabel('Username').waitFor();
  });

  it('a German browser gets the German interface', { timeout: 20_000 }, async () => {
    const page = await newPage(browser, VIEWPORTS.counter, 'de-DE');
    await page.goto(`${server.url}/counter`);
    await page.getByRole('heading', { name: 'Anmelden' }).waitFor();
    await page.getByTestId('login-tab-password').click();
    await page.getByLabel('Benutzername').fill(USERS.cashier.username);
    await page.getByLabel('Passwort', { exact: true }).fill(USERS.cashier.password);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByRole('heading', { name: 'Kasse' }).waitFor();
    await addItem(page, menu, available()[0]);
    await page.getByText('Summe').waitFor();
    assert.match(await page.locator('.cart-total .money').textContent(), /^\d+,\d\d\s€$/);
    await check(page, 'counter-de');
  });

  it('a rejected coupon is explained in words', { timeout: 20_000 }, async () => {
    const kiosk = await newPage(browser);
    await pairKiosk(kiosk, 'Tablet 4');
    const before = await countOrders();
    const item = available()[0];
    await addItem(kiosk, menu, item);
    await kiosk.getByLabel('Coupon code').fill('NOSUCHCODE');
    await kiosk.getByTestId('place-order').click();
    const err = kiosk.getByTestId('coupon-error');
    await err.waitFor();
    const text = await err.textContent();
    assert.match(text, /^Coupon not accepted: \S.{3,}/);
    assert.equal(await countOrders(), before);
    await check(kiosk, 'kiosk-coupon');
    // The right coupon goes through.
    await kiosk.getByLabel('Coupon code').fill('WELCOME10');
    await kiosk.getByTestId('place-order').click();
    await kiosk.waitForURL(/\/kiosk\/order\//);
  });
});
