// The counter as café staff use it, in real Chromium against the real `crema serve`:
// the total and "Place & pay" never leave a 1024×768 screen; the cash pad takes whole amounts;
// each sale starts from the shop's default order type; an item with only optional choices
// goes in at once; the PIN screen's errors speak of the PIN and wait in minutes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CASHIER_PIN, USERS, VIEWPORTS, addItem, apiClient, axeViolations, launchBrowser, newPage, screenshotBoth, signIn, startServer } from './harness.mjs';
import { box, insideViewport } from './layout.mjs';

setTimeout(() => {
  console.error('e2e: global time limit reached');
  process.exit(1);
}, 120_000).unref();

let server, browser, menu, page, api, token;
const eur = (minor) => new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }).format(minor / 100);
const available = () => menu.categories.flatMap((c) => c.items).filter((i) => i.available);

async function checked(name) {
  await screenshotBoth(page, name);
  assert.deepEqual(await axeViolations(page), [], `axe on ${name}`);
}

describe('the counter as staff expect it', { timeout: 100_000 }, () => {
  before(async () => {
    server = await startServer();
    api = apiClient(server.url);
    token = await api.login(USERS.admin);
    menu = (await api.call('GET', '/api/menu')).body;
    browser = await launchBrowser();
    page = await newPage(browser, VIEWPORTS.tablet);
    await page.goto(`${server.url}/counter`);
    await signIn(page, USERS.cashier);
    await page.getByRole('heading', { name: 'Counter' }).waitFor();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('keeps the total and "Place & pay" on a 1024×768 screen with 12 lines in the cart', { timeout: 40_000 }, async () => {
    const items = available().slice(0, 12);
    assert.equal(items.length, 12, 'the demo menu has 12 items');
    for (const item of items) await addItem(page, menu, item);
    assert.equal(await page.getByTestId('cart-line').count(), 12);
    const viewport = page.viewportSize();
    for (const testid of ['place-order', 'cart-total']) {
      const b = await box(page.getByTestId(testid));
      assert.ok(insideViewport(b, viewport), `${testid} at ${JSON.stringify(b)} is inside ${JSON.stringify(viewport)}`);
    }
    // The last line is reachable: the lines scroll inside the cart.
    await page.getByTestId('cart-line').last().scrollIntoViewIfNeeded();
    assert.ok(insideViewport(await box(page.getByTestId('cart-line').last()), viewport));
    assert.ok(insideViewport(await box(page.getByTestId('place-order')), viewport), 'still visible after scrolling the lines');
    await checked('counter-full-cart');
    await page.getByRole('button', { name: 'Clear' }).click();
  });

  it('the cash pad enters whole amounts: 5, 1 is €51.00; "00" and the decimal key', { timeout: 30_000 }, async () => {
    const item = available().find((i) => i.modifier_groups.length === 0);
    await addItem(page, menu, item);
    await page.getByTestId('place-order').click();
    const tendered = page.getByTestId('tendered');
    const keyIn = async (...keys) => {
      for (const k of keys) await page.getByTestId(`tendered-key-${k}`).click();
    };
    await keyIn('5', '1');
    assert.equal((await tendered.textContent()).trim(), 'Cash given€51.00');
    await keyIn('clear', '1', '00');
    assert.equal((await tendered.textContent()).trim(), 'Cash given€100.00');
    await keyIn('clear', '4', 'dec', '5');
    assert.equal((await tendered.textContent()).trim(), 'Cash given€4.50');
    assert.equal((await page.getByTestId('tendered-key-dec').textContent()).trim(), '.');
    // The keyboard works the same way: 2, 0, ",", 5 is 20.50.
    await keyIn('clear');
    await page.keyboard.type('20,5');
    assert.equal((await tendered.textContent()).trim(), 'Cash given€20.50');
    await keyIn('clear', '5', '1');
    await checked('counter-cash-pad');
    const change = 5100 - item.price.amount;
    assert.equal((await page.getByTestId('change-preview').textContent()).trim(), `Change: ${eur(change)}`);
    await page.getByTestId('confirm-payment').click();
    await page.getByTestId('paid').waitFor();
    const number = Number(await page.getByTestId('paid-order-number').getAttribute('data-number'));
    const paid = (await api.call('GET', '/api/orders?status=placed', undefined, token)).body.orders.find((o) => o.number === number);
    assert.equal(paid.payments[0].tendered.amount, 5100);
    assert.equal(paid.change_due.amount, change);
    await page.getByRole('button', { name: 'Done' }).click();
  });

  it('each sale starts as takeaway: "Eat in" and its table do not carry over', { timeout: 30_000 }, async () => {
    const item = available().find((i) => i.modifier_groups.length === 0);
    await addItem(page, menu, item);
    await page.getByRole('radio', { name: 'Eat in' }).click();
    await page.getByLabel(/^Table/).fill('5');
    const order = await placeAndPayByCard(page);
    assert.deepEqual([order.type, order.table], ['dine_in', '5']);
    assert.equal(await page.getByRole('radio', { name: 'Takeaway' }).getAttribute('aria-checked'), 'true');
    assert.equal(await page.getByLabel(/^Table/).count(), 0);
    // Back to eat-in for the next sale: the old table is gone.
    await page.getByRole('radio', { name: 'Eat in' }).click();
    assert.equal(await page.getByLabel(/^Table/).inputValue(), '');
    await page.getByRole('radio', { name: 'Takeaway' }).click();
  });

  it('where the shop serves at tables, a sale starts as eat-in and asks for the table', { timeout: 30_000 }, async () => {
    // The shop settings as a server with table service would send them.
    const p = await newPage(browser, VIEWPORTS.tablet);
    await p.route('**/api/settings', async (route) => {
      if (route.request().method() !== 'GET') return route.continue();
      const res = await route.fetch();
      await route.fulfill({ response: res, json: { ...(await res.json()), default_order_type: 'dine_in', uses_tables: true } });
    });
    await p.goto(`${server.url}/counter`);
    await signIn(p, USERS.cashier);
    const eatIn = p.getByRole('radio', { name: 'Eat in' });
    await p.locator('[role="radio"][aria-checked="true"]', { hasText: 'Eat in' }).waitFor();
    const item = available().find((i) => i.modifier_groups.length === 0);
    await addItem(p, menu, item);
    const before = (await api.call('GET', '/api/orders', undefined, token)).body.orders.length;
    await p.getByTestId('place-order').click();
    await p.getByTestId('table-missing').waitFor();
    assert.equal(await p.getByRole('dialog').count(), 0, 'no payment before the table is known');
    assert.equal((await api.call('GET', '/api/orders', undefined, token)).body.orders.length, before);
    assert.equal(await p.evaluate(() => document.activeElement?.getAttribute('name')), 'table');
    await screenshotBoth(p, 'counter-table-missing');
    assert.deepEqual(await axeViolations(p), []);
    await p.getByLabel(/^Table/).fill('12');
    const order = await placeAndPayByCard(p);
    assert.deepEqual([order.type, order.table], ['dine_in', '12']);
    assert.equal(await eatIn.getAttribute('aria-checked'), 'true');
    assert.equal(await p.getByLabel(/^Table/).inputValue(), '');
    await p.context().close();
  });

  it('an item whose choices are all optional goes in at once; its ⋯ button opens them', { timeout: 30_000 }, async () => {
    const all = available();
    const plain = all.find((i) => i.modifier_groups.length > 0 && i.modifier_groups.every((g) => g.min === 0));
    const required = all.find((i) => i.modifier_groups.some((g) => g.min > 0));
    assert.ok(plain && required, 'the demo menu has both kinds');
    const category = menu.categories.find((c) => c.items.includes(plain));
    await page.getByRole('tab', { name: category.name, exact: true }).click();
    await page.locator(`[data-item-id="${plain.id}"]`).click();
    await page.getByTestId('cart-line').filter({ hasText: plain.name }).waitFor({ timeout: 3000 });
    assert.equal(await page.locator('dialog[open]').count(), 0, 'no dialog for optional choices');
    // The small button opens the options.
    const options = page.getByRole('button', { name: `Options for ${plain.name}` });
    const b = await box(options);
    assert.ok(b.width >= 44 && b.height >= 44, `the options button is a touch target: ${JSON.stringify(b)}`);
    await options.click();
    const option = plain.modifier_groups[0].options[0];
    await page.getByRole('dialog').getByRole('checkbox', { name: new RegExp(`^${option.name}`) }).click();
    await page.getByTestId('modifier-add').click();
    await page.getByTestId('cart-line').filter({ hasText: option.name }).waitFor();
    assert.equal(await page.getByTestId('cart-line').count(), 2);
    await checked('counter-quick-add');
    // A required choice still asks first.
    await page.getByRole('tab', { name: menu.categories.find((c) => c.items.includes(required)).name, exact: true }).click();
    await page.locator(`[data-item-id="${required.id}"]`).click();
    await page.getByTestId('modifier-add').waitFor();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Clear', exact: true }).click();
  });

  it('the PIN screen\'s errors speak of the PIN, and a lockout reads in minutes', { timeout: 30_000 }, async () => {
    const p = await newPage(browser, VIEWPORTS.tablet);
    await p.goto(`${server.url}/counter`);
    await p.getByRole('tab', { name: 'PIN' }).click();
    const pad = p.getByRole('group', { name: 'PIN' });
    const wrong = [...CASHIER_PIN].map((d) => String((Number(d) + 1) % 10)).join('');
    for (const d of wrong) await pad.getByRole('button', { name: d, exact: true }).click();
    await p.getByTestId('pin-submit').click();
    const error = p.getByTestId('login-error');
    await error.waitFor();
    const first = (await error.textContent()).trim();
    assert.doesNotMatch(first, /username|password/i);
    assert.match(first, /PIN/);
    // The server locks PIN sign-in for 299 s (429 pin_locked with Retry-After).
    await p.route('**/api/auth/pin', (route) =>
      route.fulfill({
        status: 429,
        headers: { 'Retry-After': '299' },
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'pin_locked', message: 'too many wrong PINs; PIN login is locked for 299 s' } }),
      }),
    );
    for (const d of wrong) await pad.getByRole('button', { name: d, exact: true }).click();
    await p.getByTestId('pin-submit').click();
    await p.getByText('Too many wrong attempts. Try again in 5 minutes.').waitFor();
    assert.doesNotMatch(await error.textContent(), /299|\bs\b/);
    await screenshotBoth(p, 'login-pin-locked');
    assert.deepEqual(await axeViolations(p), []);
    await p.context().close();
  });
});

/** Places the cart, pays it by card and closes the dialog; the order as the server has it. */
async function placeAndPayByCard(p) {
  await p.getByTestId('place-order').click();
  await p.getByRole('radio', { name: 'Card' }).click();
  await p.getByTestId('confirm-payment').click();
  const number = Number(await p.getByTestId('paid-order-number').getAttribute('data-number'));
  await p.getByRole('button', { name: 'Done' }).click();
  return (await api.call('GET', '/api/orders', undefined, token)).body.orders.find((o) => o.number === number);
}
