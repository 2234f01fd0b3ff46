// The shop's order defaults, set in Admin → Settings and followed by the counter and a kiosk
// in real Chromium against the real `crema serve` (with the shop's time zone): each sale starts as eat-in, eat-in asks
// for the table (the kiosk too), and the kiosk goes back to the menu after the shop's time.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { USERS, VIEWPORTS, addItem, apiClient, launchBrowser, newPage, signIn, startServer } from './harness.mjs';

setTimeout(() => {
  console.error('e2e order defaults: global time limit reached');
  process.exit(1);
}, 100_000).unref();

let server, browser, api, adminToken, menu;

describe('the shop order defaults', { timeout: 90_000 }, () => {
  before(async () => {
    server = await startServer();
    api = apiClient(server.url);
    adminToken = await api.login(USERS.admin);
    menu = (await api.call('GET', '/api/menu')).body;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('set in Admin → Settings, followed by the counter and a kiosk', { timeout: 80_000 }, async () => {
    const admin = await newPage(browser, VIEWPORTS.tablet);
    await admin.goto(`${server.url}/admin?tab=settings`);
    await signIn(admin, USERS.admin);
    await admin.getByTestId('settings-default-order-type').selectOption('dine_in');
    await admin.getByTestId('settings-uses-tables').check();
    await admin.getByTestId('settings-timezone').selectOption('Europe/Berlin');
    await admin.getByTestId('settings-kiosk-return').fill('4');
    await admin.getByTestId('settings-save').click();
    await admin.getByText('Enter whole seconds from 5 to 600, or leave it empty.').waitFor();
    await admin.getByTestId('settings-kiosk-return').fill('6');
    await admin.getByTestId('settings-save').click();
    await admin.getByText('Settings saved.', { exact: false }).waitFor();
    const s = (await api.call('GET', '/api/settings')).body;
    assert.deepEqual([s.default_order_type, s.uses_tables, s.kiosk_return_seconds, s.timezone], ['dine_in', true, 6, 'Europe/Berlin']);

    const plain = menu.categories.flatMap((c) => c.items).find((i) => i.available && i.modifier_groups.length === 0);
    // The counter: a sale starts as eat-in and will not go without its table.
    const counter = await newPage(browser, VIEWPORTS.tablet);
    await counter.goto(`${server.url}/counter`);
    await signIn(counter, USERS.cashier);
    await addItem(counter, menu, plain);
    assert.equal(await counter.getByTestId('order-type-dine_in').getAttribute('aria-checked'), 'true');
    await counter.getByTestId('place-order').click();
    await counter.getByTestId('table-missing').waitFor();

    // A kiosk: the same, with a table field, and back to the menu after 6 s.
    const code = await api.call('POST', '/api/devices/pairing-codes', { name: 'Kiosk tables' }, adminToken);
    const kiosk = await newPage(browser, VIEWPORTS.tablet);
    await kiosk.goto(`${server.url}/pair`);
    await kiosk.getByTestId('pair-code').fill(code.body.code);
    await kiosk.getByRole('button', { name: 'Pair', exact: true }).click();
    await kiosk.waitForURL(/\/kiosk$/);
    await addItem(kiosk, menu, plain);
    assert.equal(await kiosk.getByTestId('order-type-dine_in').getAttribute('aria-checked'), 'true');
    await kiosk.getByTestId('place-order').click();
    await kiosk.getByTestId('table-missing').waitFor();
    await kiosk.getByTestId('table').fill('7');
    await kiosk.getByTestId('place-order').click();
    await kiosk.waitForURL(/\/kiosk\/order\//);
    const id = kiosk.url().split('/').pop();
    const order = (await api.call('GET', `/api/orders/${id}`, undefined, adminToken)).body;
    assert.deepEqual([order.type, order.table], ['dine_in', '7']);
    const started = Date.now();
    await kiosk.waitForURL(/\/kiosk$/, { timeout: 12_000 });
    const waited = Date.now() - started;
    assert.ok(waited >= 4000 && waited < 11_000, `the shop's 6 s, not the tablet's 30 s (${waited} ms)`);
    for (const p of [admin, counter, kiosk]) assert.deepEqual(p.errors, []);
  });
});
