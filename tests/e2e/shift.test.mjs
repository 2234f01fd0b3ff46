// A till's day in real Chromium against the real `crema serve`: the counter opens a shift
// with a float, takes a cash sale and closes the shift with a count that is short; the
// admin's Z report of today shows the sale and the shift's difference, and its net sales
// agree with the dashboard's revenue.
// `E2E_DOCS=1` also saves docs/shift-close.png and docs/z-report-screen.png (1280×800).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ROOT, USERS, addItem, apiClient, axeViolations, launchBrowser, newPage, screenshotBoth, signIn, startServer } from './harness.mjs';
import { amountKeys } from './layout.mjs';

setTimeout(() => {
  console.error('e2e: global time limit reached');
  process.exit(1);
}, 90_000).unref();

const DOCS = { width: 1280, height: 800 };
const FLOAT = 10000;
const SHORT = 150;
let server, browser, menu, sale;

const eur = (minor) => new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }).format(minor / 100);
const amount = async (loc, attr = 'data-amount') => Number(await loc.first().getAttribute(attr));

/** Keys an amount (minor units) on a cash pad, whole units first. */
async function key(page, pad, minor) {
  for (const k of amountKeys(minor)) await page.getByTestId(`${pad}-key-${k}`).click();
}

async function checked(page, name) {
  if (process.env.E2E_DOCS && name in docs) await page.screenshot({ path: path.join(ROOT, 'docs', docs[name]) });
  await screenshotBoth(page, name);
  assert.deepEqual(await axeViolations(page), [], `axe on ${name}`);
  await page.setViewportSize(DOCS);
}
const docs = { 'shift-closed': 'shift-close.png', 'z-report': 'z-report-screen.png' };

describe('a shift and the Z report', { timeout: 80_000 }, () => {
  before(async () => {
    server = await startServer();
    menu = (await apiClient(server.url).call('GET', '/api/menu')).body;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the counter opens a shift, takes a cash sale and closes the shift short', { timeout: 40_000 }, async () => {
    const page = await newPage(browser, DOCS);
    await page.goto(`${server.url}/counter`);
    await signIn(page, USERS.cashier);
    const button = page.getByTestId('shift-button');
    await page.locator('[data-testid="shift-button"][data-open="false"]').waitFor();
    assert.equal((await button.textContent()).trim(), '⚠ No shift open');

    // Open with a float of 100.00 keyed on the pad.
    await button.click();
    await key(page, 'float', FLOAT);
    assert.equal(await amount(page.getByTestId('float-value')), FLOAT);
    await page.getByTestId('open-shift').click();
    await page.getByTestId('x-report').waitFor();
    assert.equal(await amount(page.getByTestId('x-float')), FLOAT);
    await page.getByRole('button', { name: 'Done' }).click();
    await page.locator('[data-testid="shift-button"][data-open="true"]').waitFor();

    // A cash sale, the change given back.
    const item = menu.categories.flatMap((c) => c.items).find((i) => i.available && i.modifier_groups.length === 0);
    await addItem(page, menu, item);
    await addItem(page, menu, item);
    await page.getByTestId('place-order').click();
    sale = await amount(page.getByTestId('remaining'));
    assert.equal(sale, item.price.amount * 2);
    const tendered = Math.ceil((sale + 1) / 1000) * 1000;
    await key(page, 'tendered', tendered);
    await page.getByTestId('confirm-payment').click();
    await page.getByTestId('paid').waitFor();
    await page.getByTestId('payment-done').click();

    // The X report counts the sale's cash (net of change); the count is short.
    await button.click();
    await page.locator(`[data-testid="x-expected"][data-amount="${FLOAT + sale}"]`).waitFor();
    assert.equal(await amount(page.getByTestId('x-sales')), sale);
    await page.getByTestId('close-shift').click();
    await key(page, 'counted', FLOAT + sale - SHORT);
    await page.getByTestId('close-shift-confirm').click();
    await page.getByTestId('shift-closed').waitFor();
    assert.equal(await amount(page.getByTestId('closed-expected')), FLOAT + sale);
    assert.equal(await amount(page.getByTestId('closed-counted')), FLOAT + sale - SHORT);
    const diff = page.getByTestId('closed-difference');
    assert.equal(await amount(diff), -SHORT);
    assert.equal(await diff.getAttribute('data-kind'), 'short');
    assert.equal((await diff.textContent()).trim(), `Short by ${eur(SHORT)}`);
    // Red: the danger colour of the theme.
    assert.equal(await diff.evaluate((e) => getComputedStyle(e).color), 'rgb(163, 20, 15)');
    await checked(page, 'shift-closed');
    await page.getByTestId('shift-done').click();
    await page.locator('[data-testid="shift-button"][data-open="false"]').waitFor();
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  it("the admin's Z report of today shows the sale, a split bill with a tip, a refund and the shift's difference, and agrees with the dashboard", { timeout: 30_000 }, async () => {
    assert.ok(sale, 'the sale of the first test');
    // After the shift: a bill of two lines split into card with a tip and
    // cash, then one line refunded by card (the counter's own flows for
    // these are in money.test.mjs).
    const api = apiClient(server.url);
    const login = await api.call('POST', '/api/auth/login', { username: USERS.cashier.username, password: USERS.cashier.password });
    const token = login.body.access_token;
    const item = menu.categories.flatMap((c) => c.items).find((i) => i.available && i.modifier_groups.length === 0);
    const placed = await api.call('POST', '/api/orders', { lines: [{ item_id: item.id, quantity: 1 }, { item_id: item.id, quantity: 1 }], type: 'takeaway' }, token);
    assert.equal(placed.status, 201);
    const bill = placed.body.total.amount;
    const card = Math.floor(bill / 2);
    const TIP = 70;
    const pay = (body) => api.call('POST', `/api/orders/${placed.body.id}/payments`, body, token);
    assert.equal((await pay({ method: 'card', amount: { amount: card, currency: 'EUR' }, tip: { amount: TIP, currency: 'EUR' } })).status, 200);
    assert.equal((await pay({ method: 'cash', amount: { amount: bill - card, currency: 'EUR' } })).status, 200);
    const back = item.price.amount;
    const refund = await api.call('POST', `/api/orders/${placed.body.id}/refunds`, { amount: { amount: back, currency: 'EUR' }, method: 'card', reason: 'dropped', lines: [{ line_no: 1, quantity: 1 }] }, token);
    assert.equal(refund.status, 201);
    const net = sale + bill - back;

    const page = await newPage(browser, DOCS);
    await page.goto(`${server.url}/reports`);
    await signIn(page, USERS.admin);
    const revenue = (await page.getByTestId('kpi-revenue').locator('.kpi-value').textContent()).trim();
    assert.equal(revenue, eur(net));

    await page.getByTestId('z-report-link').click();
    await page.waitForURL(/\/reports\/z\?date=\d{4}-\d{2}-\d{2}$/);
    const netTile = page.getByTestId('z-net_sales');
    await netTile.waitFor();
    assert.equal((await netTile.locator('.kpi-value').textContent()).trim(), revenue);
    assert.equal(await amount(netTile, 'data-value'), net);
    assert.equal(await amount(page.getByTestId('z-orders'), 'data-value'), 2);
    assert.equal(await amount(page.getByTestId('z-refunds'), 'data-value'), back);
    assert.equal(await amount(page.getByTestId('z-tips'), 'data-value'), TIP);
    assert.equal(await amount(page.getByTestId('z-gross_sales'), 'data-value'), net + back);
    assert.equal(await amount(page.locator('[data-testid="z-payment"][data-method="cash"]')), sale + bill - card);
    assert.equal(await amount(page.locator('[data-testid="z-payment"][data-method="card"]')), card);
    assert.ok((await page.getByTestId('z-tax-line').count()) >= 1, 'tax by rate');
    assert.equal(await page.getByTestId('z-open').getAttribute('data-count'), '0');
    const shift = page.getByTestId('z-shift');
    assert.equal(await shift.count(), 1);
    assert.equal(await shift.getAttribute('data-difference'), String(-SHORT));
    assert.equal(await amount(shift.getByTestId('z-shift-float')), FLOAT);
    assert.equal((await shift.getByTestId('z-shift-difference').textContent()).trim(), `Short by ${eur(SHORT)}`);
    assert.equal(await page.getByTestId('z-csv').isVisible(), true);
    await checked(page, 'z-report');

    // The CSV download is the server's CSV of the same day.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('z-csv').click()]);
    assert.match(download.suggestedFilename(), /^crema-z-report-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8');
    assert.match(csv, new RegExp(`^sales,net_sales,${(net / 100).toFixed(2)}$`, 'm'));
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});
