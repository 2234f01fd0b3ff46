// A manual discount at the counter in real Chromium against the real `crema serve`: 10 %
// for staff within the cashier's limit, then 50 % which an admin approves at the till
// (a wrong password refused first); the cart shows the server's discount live, the order
// carries it with its reason, and the audit log names the approval. The dialog fits a phone.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { USERS, VIEWPORTS, addItem, apiClient, axeViolations, launchBrowser, newPage, screenshotBoth, signIn, startServer } from './harness.mjs';
import { badTargets, overflowing } from './layout.mjs';

setTimeout(() => {
  console.error('e2e: global time limit reached');
  process.exit(1);
}, 90_000).unref();

let server, browser, api, menu, page;

const manualAmount = async () => Number(await page.getByTestId('cart-manual-discount').getAttribute('data-amount'));

describe('manual discount at the counter', { timeout: 80_000 }, () => {
  before(async () => {
    server = await startServer();
    api = apiClient(server.url);
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

  it('gives 10 % for staff, then 50 % with an admin’s approval, and the order keeps it', async () => {
    const item = menu.categories.flatMap((c) => c.items).find((i) => i.available && i.modifier_groups.length === 0);
    await addItem(page, menu, item);
    await addItem(page, menu, item);
    const subtotal = 2 * item.price.amount;
    assert.equal(await page.getByTestId('discount-open').isDisabled(), false);

    await page.getByTestId('discount-open').click();
    await page.getByTestId('discount-percent-10').click();
    await page.getByTestId('discount-reason-staff').click();
    await page.getByTestId('discount-apply').click();
    await page.getByTestId('cart-manual-discount').waitFor();
    assert.equal(await manualAmount(), Math.round(subtotal / 10));
    assert.match(await page.getByTestId('discount-open').textContent(), /10 % · Staff/);
    assert.match(await page.getByTestId('cart-manual-discount').textContent(), /Discount \(Staff\)/);

    // Half off is above the cashier's 10 %: the dialog asks for an admin.
    await page.getByTestId('discount-open').click();
    await page.getByTestId('discount-percent-50').click();
    await page.getByTestId('discount-apply').click();
    await page.getByTestId('approval').waitFor();
    await page.getByTestId('approval-username').fill(USERS.admin.username);
    await page.getByTestId('approval-password').fill('wrong-password');
    await page.getByTestId('discount-apply').click();
    await page.getByTestId('discount-error').waitFor();
    assert.match(await page.getByTestId('discount-error').textContent(), /not an admin’s username and password/);
    await page.getByTestId('approval-password').fill(USERS.admin.password);
    await screenshotBoth(page, 'counter-discount-approval');
    assert.deepEqual(await axeViolations(page), [], 'axe on the discount dialog');
    await page.getByTestId('discount-apply').click();
    await page.getByTestId('discount-approved').waitFor();
    await page.waitForFunction((half) => Number(document.querySelector('[data-testid="cart-manual-discount"]')?.getAttribute('data-amount')) === half, Math.round(subtotal / 2));

    await page.getByTestId('place-order').click();
    await page.getByTestId('confirm-payment').waitFor();
    const number = Number(await page.getByTestId('last-number').getAttribute('data-number'));
    const admin = await api.login(USERS.admin);
    const orders = (await api.call('GET', '/api/orders?status=placed', undefined, admin)).body.orders;
    const order = orders.find((o) => o.number === number);
    assert.ok(order, `order ${number} is open`);
    assert.deepEqual(
      order.discounts.map((d) => [d.kind, d.amount.amount, d.reason]),
      [['manual', Math.round(subtotal / 2), 'Staff']],
    );
    assert.equal(order.total.amount, subtotal - Math.round(subtotal / 2));
    const log = (await api.call('GET', '/api/audit', undefined, admin)).body.entries;
    const given = log.find((e) => e.action === 'discount_given' && e.subject === String(number));
    assert.ok(given?.detail.approved_by, 'the approving admin is in the audit log');
    // The next sale starts without a discount.
    await page.keyboard.press('Escape');
    assert.match(await page.getByTestId('discount-open').textContent(), /^Discount…$/);
  });

  it('the discount dialog fits a 390 px phone', async () => {
    const phone = await newPage(browser, { width: 390, height: 844 });
    await phone.goto(`${server.url}/counter`);
    await signIn(phone, USERS.cashier);
    const item = menu.categories.flatMap((c) => c.items).find((i) => i.available && i.modifier_groups.length === 0);
    await addItem(phone, menu, item);
    await phone.getByTestId('discount-open').click();
    await phone.getByTestId('discount-by-amount').click();
    await phone.getByTestId('discount-amount-pad').waitFor();
    assert.deepEqual(await overflowing(phone, 'dialog[open]'), []);
    assert.deepEqual(await badTargets(phone), []);
    await phone.close();
  });
});
