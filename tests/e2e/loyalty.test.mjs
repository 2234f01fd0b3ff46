// Regulars rewarded, in real Chromium against the real `crema serve`: a regular whose spend
// was seeded through the API signs in on the kiosk, sees the tier's discount on the cart
// before ordering, the placed order carries it, and their history shows their rewards;
// the admin's loyalty settings and coupon batch dialog pass axe on a phone.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { badTargets, overflowing } from './layout.mjs';
import { USERS, VIEWPORTS, addItem, apiClient, axeViolations, launchBrowser, newPage, screenshotBoth, signIn, startServer } from './harness.mjs';

setTimeout(() => {
  console.error('e2e: global time limit reached');
  process.exit(1);
}, 120_000).unref();

let server, browser, api, adminToken, cashierToken, menu;
const PHONE = { width: 390, height: 844 };
const EMAIL = `rita-${Date.now()}@example.com`;
const PASSWORD = 'a-long-password-1';

async function checked(page, name) {
  await screenshotBoth(page, name);
  assert.deepEqual(await axeViolations(page), [], `axe on ${name}`);
}

describe('regulars rewarded', { timeout: 100_000 }, () => {
  before(async () => {
    server = await startServer();
    api = apiClient(server.url);
    adminToken = await api.login(USERS.admin);
    cashierToken = await api.login(USERS.cashier);
    menu = (await api.call('GET', '/api/menu')).body;
    browser = await launchBrowser();
    // 5 % from €10 of lifetime spend, 10 % from €300; 1 point per euro.
    const settings = (await api.call('GET', '/api/settings')).body;
    settings.loyalty = {
      tiers: [
        { min_spend: 1000, basis_points: 500 },
        { min_spend: 30000, basis_points: 1000 },
      ],
      points_per_unit: 1,
      points_for_unit: 100,
    };
    const put = await api.call('PUT', '/api/settings', settings, adminToken);
    assert.equal(put.status, 200, JSON.stringify(put.body));
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a regular gets the tier discount on the kiosk cart and the placed order carries it', { timeout: 45_000 }, async () => {
    // Rita registers, and staff seed her spend: an order for her, paid by card.
    const reg = await api.call('POST', '/api/customers/register', { name: 'Rita', email: EMAIL, password: PASSWORD });
    assert.equal(reg.status, 201, JSON.stringify(reg.body));
    const me = (await api.call('GET', '/api/customers/me/loyalty', undefined, reg.body.access_token)).body;
    const item = menu.categories.flatMap((c) => c.items).find((i) => i.available && i.modifier_groups.length === 0);
    const seeded = await api.call('POST', '/api/orders', { lines: [{ item_id: item.id, quantity: 5 }], type: 'takeaway', customer_id: me.customer_id }, cashierToken);
    assert.equal(seeded.status, 201, JSON.stringify(seeded.body));
    const paid = await api.call('POST', `/api/orders/${seeded.body.id}/payments`, { method: 'card', amount: seeded.body.total }, cashierToken);
    assert.equal(paid.status, 200, JSON.stringify(paid.body));
    const standing = (await api.call('GET', `/api/customers/${me.customer_id}/loyalty`, undefined, cashierToken)).body;
    assert.ok(standing.lifetime_spend.amount >= 1000, `seeded spend ${JSON.stringify(standing)}`);
    assert.equal(standing.tier.basis_points, 500);

    // She signs in on the kiosk and adds an item: the cart shows the regulars' discount.
    const page = await newPage(browser);
    await page.goto(`${server.url}/account`);
    await page.getByRole('tab', { name: 'Sign in' }).click();
    await page.getByLabel('E-mail').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).last().click();
    await page.waitForURL(/\/kiosk$/);
    await addItem(page, menu, item);
    await addItem(page, menu, item);
    const line = page.getByTestId('cart-loyalty-discount');
    await line.waitFor();
    assert.match(await line.textContent(), /Regulars’ discount \(5\s%\)/);
    const expected = Math.round((item.price.amount * 2 * 500) / 10_000);
    assert.equal(Number(await line.getAttribute('data-amount')), expected);
    await checked(page, 'kiosk-loyalty-cart');

    await page.getByTestId('place-order').click();
    await page.waitForURL(/\/kiosk\/order\//);
    const id = page.url().split('/').pop();
    const order = (await api.call('GET', `/api/orders/${id}`, undefined, adminToken)).body;
    assert.equal(order.customer_id, me.customer_id);
    assert.deepEqual(order.discounts, [{ kind: 'loyalty', code: null, amount: { amount: expected, currency: order.total.currency } }]);
    assert.equal(order.total.amount, order.subtotal.amount - expected);

    // Her history shows her rewards: the tier, what she spent, her points.
    await page.getByRole('link', { name: 'New order' }).click();
    await page.getByRole('button', { name: 'My orders' }).click();
    await page.getByTestId('my-loyalty').waitFor();
    assert.match(await page.getByTestId('my-tier').textContent(), /5 % off every order/);
    assert.match(await page.getByTestId('my-points').textContent(), new RegExp(`${Math.floor(seeded.body.total.amount / 100)}`));
    await checked(page, 'kiosk-my-rewards');

    // She pays part of her next order with 2 of her points, on the kiosk.
    await page.goto(`${server.url}/kiosk`);
    await addItem(page, menu, item);
    await page.getByTestId('redeem-points').locator('input').fill('2');
    const pointsLine = page.getByTestId('cart-points-discount');
    await pointsLine.waitFor();
    assert.equal(Number(await pointsLine.getAttribute('data-amount')), 2, '2 points at 100 a euro: 2 cents');
    await page.getByTestId('place-order').click();
    await page.waitForURL(/\/kiosk\/order\//);
    const second = (await api.call('GET', `/api/orders/${page.url().split('/').pop()}`, undefined, adminToken)).body;
    assert.deepEqual(second.discounts.find((d) => d.kind === 'points')?.amount.amount, 2, JSON.stringify(second.discounts));
    const left = (await api.call('GET', '/api/customers/me/loyalty', undefined, reg.body.access_token)).body.points;
    assert.equal(left, standing.points - 2);
    assert.deepEqual(page.errors, []);
  });

  it('at the counter, the attached regular gets the tier line and redeems points', { timeout: 40_000 }, async () => {
    const page = await newPage(browser, VIEWPORTS.counter);
    await page.goto(`${server.url}/counter`);
    await signIn(page, USERS.cashier);
    await page.getByRole('heading', { name: 'Counter' }).waitFor();
    const item = menu.categories.flatMap((c) => c.items).find((i) => i.available && i.modifier_groups.length === 0);
    await addItem(page, menu, item);
    await page.getByRole('button', { name: 'Add customer' }).click();
    await page.getByLabel('Name, phone or e-mail').fill('Rita');
    await page.getByRole('dialog').getByRole('button', { name: /Rita/ }).first().click();
    await page.getByTestId('customer-chip').getByText('Rita').waitFor();
    assert.match(await page.getByTestId('cart-loyalty-discount').textContent(), /Regulars’ discount \(5\s%\)/);
    const before = (await api.call('GET', '/api/customers?q=Rita', undefined, cashierToken)).body.customers[0];
    const points = (await api.call('GET', `/api/customers/${before.id}/loyalty`, undefined, cashierToken)).body.points;
    assert.ok(points >= 3, `Rita has points: ${points}`);
    await page.getByTestId('redeem-points').locator('input').fill('3');
    const line = page.getByTestId('cart-points-discount');
    await line.waitFor();
    assert.equal(Number(await line.getAttribute('data-amount')), 3, '3 points at 100 a euro: 3 cents');
    await checked(page, 'counter-loyalty-points');
    await page.getByTestId('place-order').click();
    await page.getByRole('radio', { name: 'Card' }).click();
    await page.getByTestId('confirm-payment').click();
    await page.getByTestId('paid').waitFor();
    const after = (await api.call('GET', `/api/customers/${before.id}/loyalty`, undefined, cashierToken)).body.points;
    assert.ok(after >= points - 3, `3 redeemed, then what the payment earned: ${points} → ${after}`);
    assert.deepEqual(page.errors, []);
  });

  it('the admin sets tiers and makes a coupon batch on a phone, in German', { timeout: 40_000 }, async () => {
    const phone = await newPage(browser, PHONE, 'de-DE');
    await phone.goto(`${server.url}/admin`);
    await signIn(phone, USERS.admin, 'de');
    await phone.getByRole('tab', { name: 'Einstellungen', exact: true }).click();
    const form = phone.getByTestId('loyalty-form');
    await form.waitFor();
    assert.equal(await phone.getByTestId('loyalty-tier').count(), 2);
    assert.deepEqual(await overflowing(phone), [], 'no overflow on the loyalty settings');
    assert.deepEqual(await badTargets(phone), [], 'tap targets on the loyalty settings');
    assert.deepEqual(await axeViolations(phone), [], 'axe on the loyalty settings');
    await phone.getByRole('tab', { name: 'Gutscheine', exact: true }).click();
    await phone.getByTestId('coupon-batch').click();
    const dialog = phone.getByRole('dialog');
    await dialog.getByLabel('Präfix (bis zu 12 Buchstaben und Ziffern)').fill('rita');
    await dialog.getByLabel('Wie viele (1 bis 1000)').fill('3');
    await dialog.getByLabel('Rabatt (%)').fill('10');
    await dialog.getByText('Nur auf die erste Bestellung eines Kunden').click();
    await phone.getByTestId('batch-create').click();
    await phone.getByTestId('batch-made').waitFor();
    assert.match(await phone.getByTestId('batch-made').textContent(), /3 Gutscheine erstellt/);
    assert.deepEqual(await axeViolations(phone), [], 'axe on the batch dialog');
    await phone.screenshot({ path: `${process.env.E2E_OUT ?? '/tmp/crema-e2e-shots'}/admin-coupon-batch-390x844.png` });
    const download = phone.waitForEvent('download');
    await phone.getByTestId('batch-csv').click();
    const file = await download;
    assert.match(file.suggestedFilename(), /^crema-coupons-.*\.csv$/);
    const coupons = (await api.call('GET', '/api/coupons', undefined, adminToken)).body.coupons.filter((c) => c.code.startsWith('RITA-'));
    assert.equal(coupons.length, 3);
    assert.ok(coupons.every((c) => c.first_order_only && c.usage_limit === 1));
    assert.deepEqual(phone.errors, []);
  });
});
