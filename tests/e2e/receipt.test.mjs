// The counter's printed receipt (the browser's print, no receipt printer set up) follows a
// settings change made elsewhere at once: the shop's name, header and footer come from the
// `settings.updated` event, not from what the counter loaded at sign-in.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { USERS, VIEWPORTS, apiClient, launchBrowser, newPage, signIn, startServer } from './harness.mjs';

setTimeout(() => {
  console.error('e2e receipt: global time limit reached');
  process.exit(1);
}, 60_000).unref();

let server, browser, api;

describe('the counter receipt', { timeout: 50_000 }, () => {
  before(async () => {
    server = await startServer();
    api = apiClient(server.url);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the new shop name and footer right after an admin changes them', async () => {
    const cashier = await api.login(USERS.cashier);
    const admin = await api.login(USERS.admin);
    const menu = (await api.call('GET', '/api/menu')).body;
    const plain = menu.categories.flatMap((c) => c.items).find((i) => i.available && i.modifier_groups.length === 0);
    const placed = await api.call('POST', '/api/orders', { lines: [{ item_id: plain.id, quantity: 1 }], type: 'takeaway' }, cashier);
    assert.equal(placed.status, 201);

    const page = await newPage(browser, VIEWPORTS.tablet);
    await page.goto(`${server.url}/counter`);
    await signIn(page, USERS.cashier);
    await page.getByTestId('orders-tab').click();
    // The browser's print dialog would wait for a person: count the calls instead.
    await page.evaluate(() => {
      window.print = () => {
        window.printed = (window.printed ?? 0) + 1;
      };
    });
    const row = page.locator(`[data-testid="order-row"][data-number="${placed.body.number}"]`);
    const receipt = page.locator('section.receipt');
    await row.getByRole('button', { name: 'Receipt' }).click();
    await receipt.getByText('Free Wi-Fi: crema-guest').waitFor({ state: 'attached' });
    const before = (await api.call('GET', '/api/settings')).body;

    const changed = { ...before, shop_name: 'Crema Hafenstraße', receipt_footer: 'See you tomorrow at the harbour!' };
    const r = await api.call('PUT', '/api/settings', changed, admin);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    // No reload, no sign-in again: the next receipt already has the new texts.
    await row.getByRole('button', { name: 'Receipt' }).click();
    await receipt.getByText('See you tomorrow at the harbour!').waitFor({ state: 'attached' });
    assert.equal((await receipt.locator('h2').textContent()).trim(), 'Crema Hafenstraße');
    assert.equal(await receipt.getByText('Free Wi-Fi: crema-guest').count(), 0, 'the old footer is gone');
    assert.equal(await page.evaluate(() => window.printed), 2);
    assert.deepEqual(page.errors, []);
  });
});
