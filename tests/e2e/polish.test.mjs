// Small things staff trip over, in real Chromium against the real `crema serve`: the "Sold out"
// badge never covers the price; status labels stay one line inside their outline (German, phone);
// the dashboard's top-items chart names every bar; revoking a device asks first; a hand-over
// by mistake is undone from its toast; the cart shows the server's quote (a coupon's discount)
// before the order goes; the day's history finds a handed-over order by number to reprint it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { USERS, VIEWPORTS, addItem, apiClient, axeViolations, launchBrowser, newPage, signIn, startServer } from './harness.mjs';
import { box } from './layout.mjs';

setTimeout(() => {
  console.error('e2e polish: global time limit reached');
  process.exit(1);
}, 120_000).unref();

const PHONE = { width: 390, height: 844 };
let server, browser, api, admin, cashier, menu;

const intersects = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('polish', { timeout: 110_000 }, () => {
  before(async () => {
    server = await startServer();
    api = apiClient(server.url);
    admin = await api.login(USERS.admin);
    cashier = await api.login(USERS.cashier);
    menu = (await api.call('GET', '/api/menu')).body;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the "Sold out" badge sits beside the price, never over it (tablet and phone)', { timeout: 30_000 }, async () => {
    const category = menu.categories.find((c) => c.items.filter((i) => i.available).length >= 2);
    const item = category.items.find((i) => i.available);
    const r = await api.call('PATCH', `/api/items/${item.id}`, { available: false }, admin);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const page = await newPage(browser, VIEWPORTS.tablet);
    try {
      await page.goto(`${server.url}/counter`);
      await signIn(page, USERS.cashier);
      for (const viewport of [VIEWPORTS.tablet, PHONE]) {
        await page.setViewportSize(viewport);
        await page.getByRole('tab', { name: category.name, exact: true }).click();
        const card = page.locator(`[data-item-id="${item.id}"]`);
        const badge = await box(card.locator('.sold-out-badge'));
        const price = await box(card.locator('.item-price'));
        const tile = await box(card);
        assert.ok(badge && price, 'both shown');
        assert.ok(!intersects(badge, price), `at ${viewport.width} px the badge ${JSON.stringify(badge)} covers the price ${JSON.stringify(price)}`);
        assert.ok(badge.x + badge.width <= tile.x + tile.width + 1 && badge.y + badge.height <= tile.y + tile.height + 1, 'inside the tile');
      }
      assert.deepEqual(page.errors, []);
    } finally {
      await api.call('PATCH', `/api/items/${item.id}`, { available: true }, admin);
      await page.close();
    }
  });

  it('status labels stay one line inside their outline, in German on a phone', { timeout: 30_000 }, async () => {
    const plain = menu.categories.flatMap((c) => c.items).filter((i) => i.available && i.modifier_groups.every((g) => g.min === 0));
    for (let n = 0; n < 3; n++) {
      const r = await api.call('POST', '/api/orders', { lines: [{ item_id: plain[n].id, quantity: 1 }], type: 'takeaway' }, cashier, { 'Idempotency-Key': `pill-${n}` });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      if (n > 0) await api.call('POST', `/api/orders/${r.body.id}/status`, { status: 'in_progress' }, cashier);
    }
    const page = await newPage(browser, PHONE, 'de-DE');
    await page.goto(`${server.url}/counter`);
    await page.getByTestId('login-tab-password').click();
    await page.getByLabel('Benutzername').fill(USERS.cashier.username);
    await page.getByLabel('Passwort', { exact: true }).fill(USERS.cashier.password);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByTestId('orders-tab').click();
    await page.getByTestId('order-row').first().waitFor();
    const pills = await page.locator('.order-row .pill').evaluateAll((els) =>
      els.map((el) => {
        const r = el.getBoundingClientRect();
        const p = el.parentElement.getBoundingClientRect();
        const lh = parseFloat(getComputedStyle(el).lineHeight) || parseFloat(getComputedStyle(el).fontSize) * 1.2;
        return { text: el.textContent, lines: el.getClientRects().length, height: r.height, lh, inside: r.left >= p.left - 1 && r.right <= p.right + 1 };
      }),
    );
    assert.ok(pills.length >= 6, `labels found: ${JSON.stringify(pills)}`);
    for (const p of pills) {
      assert.equal(p.lines, 1, `"${p.text}" breaks over lines`);
      assert.ok(p.height < 2 * p.lh + 12, `"${p.text}" is ${p.height}px high`);
      assert.ok(p.inside, `"${p.text}" sticks out of its row`);
    }
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  it('the top-items chart names every item it shows', { timeout: 30_000 }, async () => {
    const plain = menu.categories.flatMap((c) => c.items).filter((i) => i.available && i.modifier_groups.every((g) => g.min === 0)).slice(0, 8);
    assert.equal(plain.length, 8);
    const lines = plain.map((i, n) => ({ item_id: i.id, quantity: n + 1 }));
    const r = await api.call('POST', '/api/orders', { lines, type: 'takeaway' }, cashier, { 'Idempotency-Key': 'top-items' });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    // The dashboard counts paid orders.
    const paid = await api.call('POST', `/api/orders/${r.body.id}/payments`, { method: 'card', amount: r.body.total }, cashier, { 'Idempotency-Key': 'top-items-pay' });
    assert.ok(paid.status < 300, JSON.stringify(paid.body));
    const page = await newPage(browser, VIEWPORTS.tablet);
    await page.goto(`${server.url}/reports`);
    await signIn(page, USERS.admin);
    const chart = page.locator('figure.chart', { has: page.getByText('Top items', { exact: true }) });
    await chart.locator('.recharts-bar-rectangle').first().waitFor();
    const today = new Date().toISOString().slice(0, 10);
    const summary = (await api.call('GET', `/api/analytics/summary?from=${today}&to=${today}`, undefined, admin)).body;
    // The item axis's labels (the quantity axis's are numbers); a long name wraps over lines.
    const ticks = (await chart.locator('.recharts-cartesian-axis-tick-value').allTextContents()).filter((t) => !/^\d+$/.test(t));
    assert.equal(ticks.length, summary.top_items.length, `every bar is labelled: ${JSON.stringify(ticks)}`);
    const squash = (x) => x.replace(/\s+/g, '');
    for (const [n, item] of summary.top_items.entries()) assert.ok(squash(item.name).startsWith(squash(ticks[n]).replace(/…$/, '')), `${ticks[n]} is ${item.name}`);
    assert.ok(ticks.length >= 8);
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  it('revoking a device asks first; Cancel keeps it paired', { timeout: 30_000 }, async () => {
    const code = await api.call('POST', '/api/devices/pairing-codes', { name: 'Window tablet' }, admin);
    const paired = await api.call('POST', '/api/devices/pair', { code: code.body.code });
    assert.equal(paired.status, 200);
    const page = await newPage(browser, VIEWPORTS.tablet);
    await page.goto(`${server.url}/admin?tab=devices`);
    await signIn(page, USERS.admin);
    // The test server listens on 127.0.0.1 only: the page says tablets cannot reach it.
    await page.getByTestId('lan-unreachable').waitFor();
    await page.getByRole('button', { name: 'Revoke Window tablet' }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke Window tablet?' });
    await dialog.waitFor();
    assert.deepEqual(await axeViolations(page), []);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    const devices = async () => (await api.call('GET', '/api/devices', undefined, admin)).body.devices;
    assert.equal((await devices()).find((d) => d.name === 'Window tablet').revoked, false, 'still paired after Cancel');
    await page.getByRole('button', { name: 'Revoke Window tablet' }).click();
    await page.getByTestId('revoke-confirm').click();
    await page.locator('[data-testid="device"]', { hasText: 'Window tablet' }).getByText('Revoked').waitFor();
    assert.equal((await devices()).find((d) => d.name === 'Window tablet').revoked, true);
    const me = await api.call('GET', '/api/menu', undefined, paired.body.access_token);
    assert.equal(me.status, 200, 'the menu is public either way');
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  it('a hand-over by mistake is undone from its toast', { timeout: 30_000 }, async () => {
    const plain = menu.categories.flatMap((c) => c.items).find((i) => i.available && i.modifier_groups.length === 0);
    const r = await api.call('POST', '/api/orders', { lines: [{ item_id: plain.id, quantity: 1 }], type: 'takeaway' }, cashier, { 'Idempotency-Key': 'undo-1' });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    for (const status of ['in_progress', 'ready']) await api.call('POST', `/api/orders/${r.body.id}/status`, { status }, cashier);
    const page = await newPage(browser, VIEWPORTS.tablet);
    await page.goto(`${server.url}/counter`);
    await signIn(page, USERS.cashier);
    await page.getByTestId('orders-tab').click();
    const row = page.locator(`[data-testid="order-row"][data-number="${r.body.number}"]`);
    await row.getByTestId('hand-over').click();
    await row.waitFor({ state: 'detached' });
    await page.getByText(`Order ${r.body.number} handed over.`).waitFor();
    await page.getByTestId('undo-hand-over').click();
    await page.locator(`[data-testid="order-row"][data-number="${r.body.number}"][data-status="ready"]`).waitFor();
    assert.equal((await api.call('GET', `/api/orders/${r.body.id}`, undefined, cashier)).body.status, 'ready');
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  it("the cart shows the server's quote, the coupon's discount and a refused coupon before ordering", { timeout: 30_000 }, async () => {
    const plain = menu.categories.flatMap((c) => c.items).filter((i) => i.available && i.modifier_groups.length === 0);
    const page = await newPage(browser, VIEWPORTS.tablet);
    await page.goto(`${server.url}/counter`);
    await signIn(page, USERS.cashier);
    await addItem(page, menu, plain[0]);
    await addItem(page, menu, plain[1]);
    const sums = page.getByTestId('cart-sums');
    await page.locator('[data-testid="cart-sums"][data-quoted="true"]').waitFor();
    await page.locator('input[name="coupon"]').fill('WELCOME10');
    await sums.getByTestId('cart-discount').getByText('Coupon WELCOME10').waitFor();
    const subtotal = plain[0].price.amount + plain[1].price.amount;
    const discount = Math.round(subtotal / 10);
    const eur = (minor) => new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }).format(minor / 100);
    await page.locator('[data-testid="cart-total"]', { hasText: eur(subtotal - discount) }).waitFor();
    await page.locator('input[name="coupon"]').fill('NOPE');
    await page.getByTestId('coupon-error').waitFor();
    assert.equal(await sums.getByTestId('cart-discount').count(), 0, 'no discount for a refused coupon');
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  it("the day's history finds a handed-over order by its number, with its receipt and refund", { timeout: 30_000 }, async () => {
    const plain = menu.categories.flatMap((c) => c.items).find((i) => i.available && i.modifier_groups.length === 0);
    const r = await api.call('POST', '/api/orders', { lines: [{ item_id: plain.id, quantity: 1 }], type: 'takeaway' }, cashier, { 'Idempotency-Key': 'history-1' });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    await api.call('POST', `/api/orders/${r.body.id}/payments`, { method: 'card', amount: r.body.total }, cashier, { 'Idempotency-Key': 'history-1-pay' });
    for (const status of ['in_progress', 'ready', 'completed']) await api.call('POST', `/api/orders/${r.body.id}/status`, { status }, cashier);
    const page = await newPage(browser, VIEWPORTS.tablet);
    await page.goto(`${server.url}/counter`);
    await signIn(page, USERS.cashier);
    await page.getByTestId('orders-tab').click();
    assert.equal(await page.locator(`[data-testid="order-row"][data-number="${r.body.number}"]`).count(), 0, 'gone from the open orders');
    await page.getByTestId('history-tab').click();
    await page.getByTestId('history-search').fill(String(r.body.number));
    const row = page.locator(`[data-testid="order-row"][data-number="${r.body.number}"][data-status="completed"]`);
    await row.waitFor();
    const shown = await page.getByTestId('order-row').evaluateAll((rows) => rows.map((x) => x.getAttribute('data-number')));
    assert.ok(shown.every((n) => n.startsWith(String(r.body.number))), `only matching numbers: ${shown}`);
    await row.getByRole('button', { name: 'Receipt' }).waitFor();
    await row.getByTestId('refund').waitFor();
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(page.errors, []);
    await page.close();
  });
});
