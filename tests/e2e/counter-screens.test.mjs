// The counter as café staff use it, in real Chromium against the real `crema serve`:
// the total and "Place & pay" never leave a 1024×768 screen.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { USERS, VIEWPORTS, addItem, apiClient, axeViolations, launchBrowser, newPage, screenshotBoth, signIn, startServer } from './harness.mjs';
import { box, insideViewport } from './layout.mjs';

setTimeout(() => {
  console.error('e2e: global time limit reached');
  process.exit(1);
}, 120_000).unref();

let server, browser, menu, page;
const available = () => menu.categories.flatMap((c) => c.items).filter((i) => i.available);

async function checked(name) {
  await screenshotBoth(page, name);
  assert.deepEqual(await axeViolations(page), [], `axe on ${name}`);
}

describe('the counter as staff expect it', { timeout: 100_000 }, () => {
  before(async () => {
    server = await startServer();
    menu = (await apiClient(server.url).call('GET', '/api/menu')).body;
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
});
