// Money after the order, at the counter in real Chromium against the real `crema serve`:
// a bill split into card and cash with tips, a refund of one line, and a paid order
// refunded and cancelled in one step with an admin's approval.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { USERS, VIEWPORTS, apiClient, axeViolations, launchBrowser, newPage, screenshotBoth, signIn, startServer } from './harness.mjs';
import { amountKeys } from './layout.mjs';

setTimeout(() => {
  console.error('e2e: global time limit reached');
  process.exit(1);
}, 120_000).unref();

let server, browser, api, cashierToken, items, page;

const eur = (minor) => new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }).format(minor / 100);
const text = async (testid) => (await page.getByTestId(testid).first().textContent()).trim();
const row = (o) => page.locator(`[data-testid="order-row"][data-number="${o.number}"]`);

/** An order placed through the API (as a tablet would), optionally paid by card in full. */
async function placeOrder(lines, paid = false) {
  const r = await api.call('POST', '/api/orders', { lines, type: 'takeaway' }, cashierToken);
  assert.equal(r.status, 201, JSON.stringify(r.body));
  if (paid) {
    const p = await api.call('POST', `/api/orders/${r.body.id}/payments`, { method: 'card', amount: r.body.total }, cashierToken);
    assert.equal(p.status, 200, JSON.stringify(p.body));
    return p.body;
  }
  return r.body;
}

async function getOrder(id) {
  const r = await api.call('GET', `/api/orders/${id}`, undefined, cashierToken);
  assert.equal(r.status, 200);
  return r.body;
}

/** Keys an amount (minor units) on the cash pad that is open (`tendered`, `tip` or `refund-amount`), whole units first. */
async function key(pad, minor) {
  for (const k of amountKeys(minor)) await page.getByTestId(`${pad}-key-${k}`).click();
}

async function noAxeViolations(name) {
  await screenshotBoth(page, name);
  assert.deepEqual(await axeViolations(page), [], `axe on ${name}`);
}

describe('money at the counter', { timeout: 100_000 }, () => {
  before(async () => {
    server = await startServer();
    api = apiClient(server.url);
    cashierToken = await api.login(USERS.cashier);
    const menu = (await api.call('GET', '/api/menu')).body;
    items = menu.categories.flatMap((c) => c.items).filter((i) => i.available && i.modifier_groups.length === 0);
    assert.ok(items.length >= 2, 'the demo menu has simple items');
    browser = await launchBrowser();
    page = await newPage(browser, VIEWPORTS.tablet);
    await page.goto(`${server.url}/counter`);
    await signIn(page, USERS.cashier);
    await page.getByRole('heading', { name: 'Counter' }).waitFor();
    await page.getByTestId('orders-tab').click();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('splits a bill in two: card with a 10 % tip, then cash with a keyed tip and change', { timeout: 30_000 }, async () => {
    const order = await placeOrder([
      { item_id: items[0].id, quantity: 3 },
      { item_id: items[1].id, quantity: 1 },
    ]);
    const total = order.total.amount;
    await row(order).getByTestId('pay').click();
    await page.getByTestId('split-ways').click();
    assert.equal(await text('split-part'), 'Part 1 of 2');
    const first = Math.floor(total / 2);
    const second = total - first;
    assert.equal(Number(await page.getByTestId('part-amount').getAttribute('data-amount')), first);

    // Part 1: card, 10 % tip.
    await page.getByTestId('pay-method-card').click();
    await page.getByTestId('tip-10').click();
    const cardTip = Math.floor((first * 10 + 50) / 100);
    assert.equal(await text('tip'), `Tip${eur(cardTip)}`);
    await noAxeViolations('counter-split-payment');
    await page.getByTestId('confirm-payment').click();
    await page.getByTestId('part-paid').waitFor();
    assert.equal(await text('remaining'), `Still to pay: ${eur(second)}`);
    assert.equal(await text('split-part'), 'Part 2 of 2');

    // Part 2: cash; the tip keyed on the pad, then the cash given.
    await page.getByTestId('pay-method-cash').click();
    await page.getByTestId('tip').click();
    await key('tip', 50);
    await page.getByTestId('tendered').click();
    const tendered = Math.ceil((second + 50 + 1) / 1000) * 1000;
    await key('tendered', tendered);
    const change = tendered - second - 50;
    assert.equal(await text('change-preview'), `Change: ${eur(change)}`);
    assert.equal(await text('pay-sum'), `${eur(second)} + Tip ${eur(50)} = ${eur(second + 50)}`);
    await page.getByTestId('confirm-payment').click();
    await page.getByTestId('paid').waitFor();
    assert.equal(await text('change-due'), `Change: ${eur(change)}`);
    assert.equal(await text('paid-tips'), `Tips: ${eur(cardTip + 50)}`);
    assert.equal(await page.getByTestId('payment-line').count(), 2);
    await noAxeViolations('counter-split-paid');
    await page.getByTestId('payment-done').click();

    const saved = await getOrder(order.id);
    assert.equal(saved.paid, true);
    assert.deepEqual(
      saved.payments.map((p) => [p.method, p.amount.amount, p.tip.amount, p.tendered?.amount ?? null, p.change_due.amount]),
      [
        ['card', first, cardTip, null, 0],
        ['cash', second, 50, tendered, change],
      ],
    );
    assert.equal(saved.tips.amount, cardTip + 50);
    await row(order).getByTestId('row-tips').getByText(eur(cardTip + 50)).waitFor();
  });

  it('refunds one line of a paid order and the list shows it', { timeout: 30_000 }, async () => {
    const order = await placeOrder(
      [
        { item_id: items[0].id, quantity: 1 },
        { item_id: items[1].id, quantity: 2 },
      ],
      true,
    );
    const unit = order.lines[1].line_total.amount / 2;
    await row(order).getByTestId('refund').click();
    assert.equal(Number(await page.getByTestId('refundable').getAttribute('data-amount')), order.total.amount);
    const line = page.locator('[data-testid="refund-line"][data-line-no="1"]');
    await line.getByTestId('refund-line-check').check();
    await line.getByTestId('refund-qty-less').click(); // one of the two
    assert.equal(Number(await page.getByTestId('refund-total').getAttribute('data-amount')), unit);
    await page.getByTestId('refund-method-cash').click();
    await page.getByTestId('refund-reason').fill('Dropped on the floor');
    await noAxeViolations('counter-refund');
    await page.getByTestId('refund-submit').click();
    await page.getByText(`Refunded ${eur(unit)} on order ${order.number}.`).waitFor();
    await row(order).locator(`[data-testid="refunded"][data-amount="${unit}"]`).waitFor();
    assert.equal(await row(order).getByTestId('refunded').textContent(), `Refunded ${eur(unit)}`);

    const saved = await getOrder(order.id);
    assert.equal(saved.refunded.amount, unit);
    assert.equal(saved.refunds.length, 1);
    assert.deepEqual(
      { amount: saved.refunds[0].amount.amount, method: saved.refunds[0].method, reason: saved.refunds[0].reason, lines: saved.refunds[0].lines },
      { amount: unit, method: 'cash', reason: 'Dropped on the floor', lines: [{ line_no: 1, quantity: 1 }] },
    );
  });

  it('cancelling a paid order refunds and cancels it, with an admin approving above the limit', { timeout: 30_000 }, async () => {
    const big = [...items].sort((a, b) => b.price.amount - a.price.amount)[0];
    const order = await placeOrder([{ item_id: big.id, quantity: Math.ceil(2100 / big.price.amount) }], true);
    assert.ok(order.total.amount > 2000, 'above the default cashier limit');
    await row(order).getByTestId('cancel').click();
    assert.equal(Number(await page.getByTestId('refund-total').getAttribute('data-amount')), order.total.amount);
    await page.getByTestId('refund-reason').fill('Customer left');
    await page.getByTestId('refund-cancel-submit').click();
    await page.getByTestId('approval').waitFor();
    await page.getByTestId('approval-username').fill(USERS.admin.username);
    await page.getByTestId('approval-password').fill('wrong-password');
    await page.getByTestId('refund-cancel-submit').click();
    assert.match(await text('refund-error'), /admin has to approve/);
    await page.getByTestId('approval-password').fill(USERS.admin.password);
    await page.getByTestId('refund-cancel-submit').click();
    await page.getByText(`Order ${order.number} cancelled; ${eur(order.total.amount)} refunded.`).waitFor();
    await row(order).waitFor({ state: 'detached' });

    const saved = await getOrder(order.id);
    assert.equal(saved.status, 'cancelled');
    assert.equal(saved.cancel_reason, 'Customer left');
    assert.equal(saved.refunded.amount, order.total.amount);
    assert.ok(saved.refunds[0].approved_by, 'the admin approved it');
    assert.deepEqual(page.errors, []);
  });
});
