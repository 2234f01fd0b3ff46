// Every screen in German, with the errors a person meets there provoked for real against
// `crema serve`: sign-in, the counter (bad coupon, sold-out item, modifier rule, refund
// above what is left, a shift opened twice), the kiosk (a coupon's minimum) and the admin
// panel (duplicate coupon and username, a category with items, a short PIN). Each shown
// text is the German one, with the error's values filled in, and has no English words
// of the server's message in it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { USERS, VIEWPORTS, addItem, apiClient, launchBrowser, newPage, signIn, startServer } from './harness.mjs';
import { amountKeys } from './layout.mjs';

setTimeout(() => {
  console.error('e2e: global time limit reached');
  process.exit(1);
}, 90_000).unref();

let server, api, browser, menu, adminToken, cashierToken;

/** Words of the server's English messages that German texts never hold. */
const ENGLISH = /\b(the|is|are|not|must|at least|at most|there|no such|coupon|sold out|choose|refund|already|wrong|more than|shift|open one|needs?|try again|password)\b/i;
const eur = (amount) => ({ amount, currency: 'EUR' });
const de = (minor) => new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }).format(minor / 100);
const items = () => menu.categories.flatMap((c) => c.items);
const simple = () => items().filter((i) => i.available && i.modifier_groups.length === 0);

/** The text of `loc` once it shows `expected`: German, and nothing of the server's English. */
async function german(loc, expected) {
  await loc.filter({ hasText: expected }).first().waitFor();
  const text = (await loc.filter({ hasText: expected }).first().textContent()).trim();
  assert.doesNotMatch(text, ENGLISH, `English in “${text}”`);
  return text;
}

async function call(method, path, body, token = adminToken) {
  const r = await api.call(method, path, body, token);
  assert.ok(r.status < 300, `${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

describe('errors in German', { timeout: 85_000 }, () => {
  before(async () => {
    server = await startServer();
    api = apiClient(server.url);
    adminToken = await api.login(USERS.admin);
    cashierToken = await api.login(USERS.cashier);
    menu = (await api.call('GET', '/api/menu')).body;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('sign-in says wrong credentials and a wrong PIN in German', { timeout: 15_000 }, async () => {
    const page = await newPage(browser, VIEWPORTS.counter, 'de-DE');
    await page.goto(`${server.url}/counter`);
    await page.getByRole('heading', { name: 'Anmelden' }).waitFor();
    await signIn(page, { username: USERS.cashier.username, password: 'not-the-password' }, 'de');
    await german(page.getByTestId('login-error'), 'Benutzername');
    await page.getByTestId('login-tab-pin').click();
    for (const k of '999999') await page.getByTestId(`pin-key-${k}`).click();
    await page.getByTestId('pin-submit').click();
    await german(page.getByTestId('login-error'), 'PIN');
    assert.deepEqual(page.errors, []);
  });

  it('the counter says a bad coupon, a sold-out item and a modifier rule in German', { timeout: 25_000 }, async () => {
    const page = await newPage(browser, VIEWPORTS.counter, 'de-DE');
    // The live stream is cut, so the menu changes below reach this till only as the
    // server's answer to the order (as on a till whose network hiccuped).
    await page.route('**/api/events**', (r) => r.abort());
    await page.goto(`${server.url}/counter`);
    await signIn(page, USERS.cashier, 'de');
    await page.getByRole('heading', { name: 'Kasse' }).waitFor();
    const item = simple()[0];
    await addItem(page, menu, item);

    await page.getByLabel('Gutscheincode').fill('NOSUCHCODE');
    await page.getByTestId('place-order').click();
    const coupon = await german(page.getByTestId('coupon-error'), 'NOSUCHCODE');
    assert.equal(coupon, 'Gutschein nicht angenommen: Einen Gutschein NOSUCHCODE gibt es nicht.');
    await page.getByLabel('Gutscheincode').fill('');

    await call('PATCH', `/api/items/${item.id}`, { available: false });
    await page.getByTestId('place-order').click();
    assert.equal(await german(page.locator('.toast'), 'ausverkauft'), `${item.name} ist ausverkauft.`);
    await call('PATCH', `/api/items/${item.id}`, { available: true });

    await call('PUT', `/api/items/${item.id}/modifier-groups`, [{ name: 'Größe', min: 1, max: 1, options: [{ name: 'Groß', price_delta: eur(50) }] }]);
    await page.getByTestId('place-order').click();
    assert.equal(await german(page.locator('.toast'), 'Größe'), `${item.name}: bei „Größe“ mindestens 1 wählen.`);
    await call('PUT', `/api/items/${item.id}/modifier-groups`, []);
    assert.deepEqual(page.errors, []);
  });

  it('the counter says a refund above what is left and a second shift in German', { timeout: 25_000 }, async () => {
    const item = simple()[1];
    const placed = await call('POST', '/api/orders', { lines: [{ item_id: item.id, quantity: 2 }], type: 'takeaway' }, cashierToken);
    const order = await call('POST', `/api/orders/${placed.id}/payments`, { method: 'card', amount: placed.total }, cashierToken);
    const page = await newPage(browser, VIEWPORTS.counter, 'de-DE');
    // Without the live stream this dialog does not learn of the other till's refund below.
    await page.route('**/api/events**', (r) => r.abort());
    await page.goto(`${server.url}/counter`);
    await signIn(page, USERS.cashier, 'de');
    await page.getByTestId('orders-tab').click();
    await page.locator(`[data-testid="order-row"][data-number="${order.number}"]`).getByTestId('refund').click();
    await page.getByTestId('refund-by-amount').click();
    await page.getByTestId('refund-all').click();
    await page.getByTestId('refund-reason').fill('Verschüttet');
    // Another till refunds part of it meanwhile: less is left than this dialog knows.
    const part = item.price.amount;
    await call('POST', `/api/orders/${order.id}/refunds`, { amount: eur(part), method: 'card', reason: 'Andere Kasse' }, cashierToken);
    await page.getByTestId('refund-submit').click();
    const left = de(order.total.amount - part);
    assert.equal(
      await german(page.getByTestId('refund-error'), left),
      `Das ist mehr als die ${left}, die auf diese Bestellung bezahlt und noch nicht erstattet sind.`,
    );
    await page.keyboard.press('Escape');

    // A shift opened at another till meanwhile.
    await page.getByTestId('shift-button').click();
    for (const k of amountKeys(5000)) await page.getByTestId(`float-key-${k}`).click();
    await call('POST', '/api/shifts', { opening_float: eur(1000) }, cashierToken);
    await page.getByTestId('open-shift').click();
    assert.equal(await german(page.getByTestId('shift-error'), 'Schicht'), 'An dieser Kasse ist schon eine Schicht offen.');
    assert.deepEqual(page.errors, []);
  });

  it('the kiosk says a coupon’s minimum order in German, with the amount', { timeout: 20_000 }, async () => {
    await call('POST', '/api/coupons', { code: 'BIG100', kind: 'fixed', value: 500, min_subtotal: eur(10000) });
    const code = (await call('POST', '/api/devices/pairing-codes', { name: 'Tablet DE' })).code;
    const kiosk = await newPage(browser, VIEWPORTS.tablet, 'de-DE');
    await kiosk.goto(`${server.url}/pair`);
    await kiosk.getByTestId('pair-code').fill(code);
    await kiosk.getByRole('button', { name: 'Koppeln', exact: true }).click();
    await kiosk.waitForURL(/\/kiosk$/);
    await addItem(kiosk, menu, simple()[0]);
    await kiosk.getByLabel('Gutscheincode').fill('BIG100');
    await kiosk.getByTestId('place-order').click();
    assert.equal(
      await german(kiosk.getByTestId('coupon-error'), 'BIG100'),
      `Gutschein nicht angenommen: Der Gutschein BIG100 gilt erst ab einem Bestellwert von ${de(10000)}.`,
    );
    assert.deepEqual(kiosk.errors, []);
  });

  it('the admin panel says a duplicate coupon and username, a full category and a short PIN in German', { timeout: 25_000 }, async () => {
    const page = await newPage(browser, VIEWPORTS.tablet, 'de-DE');
    await page.goto(`${server.url}/admin`);
    await signIn(page, USERS.admin, 'de');
    await page.getByRole('tab', { name: 'Gutscheine', exact: true }).click();
    await page.getByRole('button', { name: 'Gutschein anlegen' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Code').fill('welcome10');
    await dialog.getByLabel('Rabatt (%)').fill('10');
    await dialog.getByTestId('coupon-save').click();
    await german(dialog.getByRole('alert'), 'Gutschein');
    await page.keyboard.press('Escape');

    await page.getByRole('tab', { name: 'Speisekarte', exact: true }).click();
    const category = menu.categories.find((c) => c.items.length > 0);
    const block = page.locator('[data-testid="admin-category"]', { has: page.getByRole('heading', { name: category.name }) });
    await block.getByRole('button', { name: `${category.name} löschen` }).click();
    const confirm = page.getByTestId('confirm-delete');
    if (await confirm.isVisible().catch(() => false)) await confirm.click();
    await german(block.getByTestId('category-error'), 'Artikel');

    await page.getByRole('tab', { name: 'Personal', exact: true }).click();
    await page.getByLabel('Benutzername').fill(USERS.kitchen.username);
    await page.getByLabel('Rolle').selectOption('cashier');
    await page.getByLabel('PIN (6 bis 8 Ziffern)').fill('12');
    await page.getByRole('button', { name: 'Konto anlegen' }).click();
    await german(page.getByRole('alert'), 'Ziffern');
    await page.getByLabel('PIN (6 bis 8 Ziffern)').fill('80706050');
    await page.getByRole('button', { name: 'Konto anlegen' }).click();
    await german(page.getByRole('alert'), 'vergeben');
    assert.deepEqual(page.errors, []);
  });
});
