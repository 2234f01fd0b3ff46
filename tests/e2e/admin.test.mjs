// The admin panel in real Chromium against the real `crema serve`: every change reaches
// an open kiosk (or board) without a reload.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SHOTS, USERS, VIEWPORTS, apiClient, axeViolations, launchBrowser, newPage, screenshotBoth, signIn, startServer } from './harness.mjs';

setTimeout(() => {
  console.error('e2e admin: global time limit reached');
  process.exit(1);
}, 200_000).unref();

let server, browser, api, adminToken, admin;

async function check(page, name) {
  await screenshotBoth(page, name);
  const v = await axeViolations(page);
  assert.deepEqual(v, [], `axe: serious/critical violations on ${name}: ${JSON.stringify(v, null, 1)}`);
}

async function pairedKiosk(name) {
  const r = await api.call('POST', '/api/devices/pairing-codes', { name }, adminToken);
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const kiosk = await newPage(browser, VIEWPORTS.tablet);
  await kiosk.goto(`${server.url}/pair`);
  await kiosk.getByTestId('pair-code').fill(r.body.code);
  await kiosk.getByRole('button', { name: 'Pair', exact: true }).click();
  await kiosk.waitForURL(/\/kiosk$/);
  await kiosk.getByTestId('menu-item').first().waitFor();
  await kiosk.locator('[data-testid="stream-status"][data-status="online"]').waitFor();
  return kiosk;
}

async function section(name) {
  await admin.getByRole('tab', { name, exact: true }).click();
}

describe('admin panel', { timeout: 180_000 }, () => {
  before(async () => {
    server = await startServer();
    api = apiClient(server.url);
    adminToken = await api.login(USERS.admin);
    browser = await launchBrowser();
    admin = await newPage(browser, VIEWPORTS.tablet);
    await admin.goto(`${server.url}/admin`);
    await signIn(admin, USERS.admin);
    await admin.getByRole('heading', { name: 'Admin' }).waitFor();
    console.log(`# server ${server.url}, screenshots in ${SHOTS}`);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a new category and an item with a required choice appear on an open kiosk', { timeout: 60_000 }, async () => {
    const kiosk = await pairedKiosk('Admin tablet');
    await section('Menu');
    await admin.getByLabel('New category').fill('Smoothies');
    await admin.getByRole('button', { name: 'Add category' }).click();
    const block = admin.locator('[data-testid="admin-category"]', { has: admin.getByRole('heading', { name: /Smoothies/ }) });
    await block.waitFor();
    // The kiosk has no new tab yet: empty categories are not on the menu. Add an item.
    await block.getByRole('button', { name: 'Add item to Smoothies' }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByLabel('Name', { exact: true }).fill('Mango Lassi');
    await dialog.getByLabel('Description').fill('Mango, yoghurt, cardamom');
    await dialog.getByLabel(/^Price/).fill('4.555');
    await dialog.getByRole('button', { name: 'Add choice group' }).click();
    await dialog.getByLabel('Group name').fill('Size');
    await dialog.getByLabel('At least').fill('1');
    await dialog.getByLabel('At most').fill('1');
    await dialog.getByLabel('Option', { exact: true }).fill('Regular');
    await dialog.getByRole('button', { name: 'Add option to Size' }).click();
    await dialog.getByLabel('Option', { exact: true }).nth(1).fill('Large');
    await dialog.getByLabel(/^Price change/).nth(1).fill('0.80');
    await dialog.getByTestId('item-save').click();
    await dialog.getByText('Too many digits after the decimal point.').waitFor();
    await check(admin, 'admin-item-dialog');
    await dialog.getByLabel(/^Price/).first().fill('4.5');
    await dialog.getByTestId('item-save').click();
    await dialog.waitFor({ state: 'hidden' });
    await block.getByText('Mango Lassi').waitFor();
    await check(admin, 'admin-menu');

    // The open kiosk shows it without a reload, with the required choice.
    await kiosk.getByRole('tab', { name: 'Smoothies', exact: true }).click({ timeout: 5000 });
    const card = kiosk.getByTestId('menu-item').filter({ hasText: 'Mango Lassi' });
    await card.getByText('€4.50').waitFor();
    await card.click();
    const mod = kiosk.getByRole('dialog');
    await mod.getByText('Size').waitFor();
    await mod.getByRole('radio', { name: /Large/ }).or(mod.getByRole('checkbox', { name: /Large/ })).first().click();
    await kiosk.getByTestId('modifier-add').click();
    await kiosk.getByTestId('cart-line').filter({ hasText: 'Mango Lassi' }).waitFor();

    const menu = (await api.call('GET', '/api/menu')).body;
    const item = menu.categories.flatMap((c) => c.items).find((i) => i.name === 'Mango Lassi');
    assert.equal(item.price.amount, 450);
    assert.deepEqual(item.modifier_groups.map((g) => [g.name, g.min, g.max, g.options.map((o) => o.price_delta.amount)]), [['Size', 1, 1, [0, 80]]]);

    // Marking it sold out through the panel reaches the kiosk too.
    await block.getByRole('switch', { name: 'Mango Lassi available' }).click();
    await kiosk.locator(`[data-item-id="${item.id}"].sold-out`).waitFor({ timeout: 5000 });

    // A category with items cannot be deleted: the server's reason is shown.
    await block.getByRole('button', { name: 'Delete Smoothies' }).click();
    await block.getByTestId('category-error').getByText('This category still has items').waitFor();

    // Reorder: move Smoothies up one place, and the kiosk's tabs follow.
    const tabsBefore = await kiosk.getByRole('tab').allTextContents();
    await block.getByRole('button', { name: 'Move Smoothies up' }).click();
    await admin.waitForFunction(() => {
      const hs = [...document.querySelectorAll('[data-testid="admin-category"] h3')].map((h) => h.textContent);
      return hs.length > 1 && hs[hs.length - 1] && !hs[hs.length - 1].startsWith('Smoothies');
    });
    await kiosk.waitForFunction(
      (before) => JSON.stringify([...document.querySelectorAll('[role="tab"]')].map((t) => t.textContent)) !== JSON.stringify(before),
      tabsBefore,
      { timeout: 5000 },
    );

    // Delete the item (with a confirmation): it leaves the kiosk.
    await block.getByRole('button', { name: 'Delete Mango Lassi' }).click();
    await admin.getByTestId('confirm-delete').click();
    await kiosk.locator(`[data-item-id="${item.id}"]`).waitFor({ state: 'detached', timeout: 5000 });
    assert.deepEqual(admin.errors, []);
    assert.deepEqual(kiosk.errors, []);
  });

  it('a coupon made in the panel works at the kiosk', { timeout: 40_000 }, async () => {
    await section('Coupons');
    await admin.getByRole('button', { name: 'Add coupon' }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByLabel('Code').fill('admin15');
    await dialog.getByLabel('Discount (%)').fill('15');
    await dialog.getByLabel('Usage limit').fill('5');
    await check(admin, 'admin-coupon-dialog');
    await dialog.getByTestId('coupon-save').click();
    await dialog.waitFor({ state: 'hidden' });
    const row = admin.locator('[data-testid="coupon-row"][data-code="ADMIN15"]');
    await row.getByText('15 %').waitFor();
    await row.getByText('0 of 5').waitFor();
    const list = (await api.call('GET', '/api/coupons', undefined, adminToken)).body.coupons;
    assert.deepEqual(
      (({ kind, value, usage_limit, active }) => ({ kind, value, usage_limit, active }))(list.find((c) => c.code === 'ADMIN15')),
      { kind: 'percent', value: 1000 + 500, usage_limit: 5, active: true },
    );
    await check(admin, 'admin-coupons');

    const kiosk = await pairedKiosk('Coupon tablet');
    await kiosk.getByTestId('menu-item').and(kiosk.locator(':not(.sold-out)')).first().click();
    const add = kiosk.getByTestId('modifier-add');
    if (await add.isVisible().catch(() => false)) await add.click();
    await kiosk.getByLabel('Coupon code').fill('ADMIN15');
    await kiosk.getByTestId('place-order').click();
    await kiosk.waitForURL(/\/kiosk\/order\//);
    const id = kiosk.url().split('/').pop();
    const order = (await api.call('GET', `/api/orders/${id}`, undefined, adminToken)).body;
    assert.ok(order.discount.amount > 0, JSON.stringify(order));
    await row.getByText('1 of 5').waitFor({ timeout: 5000 }).catch(async () => {
      await admin.reload();
      await row.getByText('1 of 5').waitFor();
    });
  });

  it('a cashier created with a PIN signs in with it', { timeout: 40_000 }, async () => {
    await section('Staff');
    await admin.getByLabel('Username').fill('maria');
    await admin.getByLabel('Role').selectOption('cashier');
    await admin.getByLabel('PIN (6 to 8 digits)').fill('12');
    await admin.getByRole('button', { name: 'Create account' }).click();
    await admin.getByText('A PIN has 6 to 8 digits.').waitFor();
    await admin.getByLabel('PIN (6 to 8 digits)').fill('864213');
    await admin.getByRole('button', { name: 'Create account' }).click();
    await admin.locator('[data-testid="staff-row"][data-username="maria"]').waitFor();
    await check(admin, 'admin-staff');
    // An admin cannot disable themselves; the button says so by being disabled.
    assert.equal(await admin.getByRole('button', { name: 'Disable admin' }).isDisabled(), true);

    const page = await newPage(browser, VIEWPORTS.counter);
    await page.goto(`${server.url}/counter`);
    await page.getByRole('tab', { name: 'PIN' }).click();
    const pad = page.getByRole('group', { name: 'PIN' });
    for (const d of '864213') await pad.getByRole('button', { name: d, exact: true }).click();
    await page.getByTestId('pin-submit').click();
    await page.getByRole('heading', { name: 'Counter' }).waitFor();

    // Disabled in the panel: the PIN no longer works.
    await admin.getByRole('button', { name: 'Disable maria' }).click();
    await admin.locator('[data-testid="staff-row"][data-username="maria"]').getByText('Disabled').waitFor();
    const r = await api.call('POST', '/api/auth/pin', { pin: '864213' });
    assert.equal(r.status, 401);
    await admin.getByRole('button', { name: 'Enable maria' }).click();
    await admin.getByRole('button', { name: 'Disable maria' }).waitFor();
  });

  it('customers: add, search, visits and the regular badge', { timeout: 30_000 }, async () => {
    await section('Customers');
    await admin.getByLabel('Name', { exact: true }).fill('Grace Hopper');
    await admin.getByLabel(/^Phone/).fill('+49 30 1234567');
    await admin.getByRole('button', { name: 'Add customer' }).click();
    await admin.getByLabel('Search by name, phone or e-mail').fill('grace');
    const row = admin.getByTestId('customer-row').filter({ hasText: 'Grace Hopper' });
    await row.waitFor();
    assert.equal(await admin.getByTestId('customer-row').count(), 1);
    await admin.getByLabel('Search by name, phone or e-mail').fill('');
    await check(admin, 'admin-customers');
  });

  it('settings are validated, saved and followed by an open board', { timeout: 40_000 }, async () => {
    const board = await newPage(browser, VIEWPORTS.counter);
    await board.goto(`${server.url}/kitchen`);
    await signIn(board, USERS.kitchen);
    await board.locator('[data-testid="stream-status"][data-status="online"]').waitFor();
    const before = await board.locator('.board').getAttribute('data-amber-minutes');

    await section('Settings');
    await admin.getByLabel('Ticket turns amber after (minutes)').fill('12');
    await admin.getByLabel('Ticket turns red after (minutes)').fill('9');
    await admin.getByTestId('settings-save').click();
    await admin.getByText('Red must come later than amber.').waitFor();
    // A currency change is refused by the server once orders exist: its reason is shown in words.
    await admin.getByLabel('Ticket turns red after (minutes)').fill('20');
    await admin.getByLabel(/^Currency/).fill('USD');
    await admin.getByTestId('settings-save').click();
    await admin.getByTestId('settings-error').getByText('The currency cannot change once orders exist.').waitFor();
    await admin.getByLabel(/^Currency/).fill('EUR');
    await admin.getByLabel('Shop name').fill('Café Admin');
    await admin.getByTestId('settings-save').click();
    await admin.getByText('Settings saved.', { exact: false }).waitFor();
    await check(admin, 'admin-settings');
    assert.notEqual(before, '12');
    await board.locator('.board[data-amber-minutes="12"][data-red-minutes="20"]').waitFor({ timeout: 5000 });
    const s = (await api.call('GET', '/api/settings')).body;
    assert.equal(s.shop_name, 'Café Admin');
    assert.equal(s.ticket_amber_minutes, 12);

    await section('Devices');
    await admin.getByText('Admin tablet').first().waitFor();
    await check(admin, 'admin-devices');
    await admin.setViewportSize(VIEWPORTS.tablet);
    assert.deepEqual(admin.errors, []);
    assert.deepEqual(board.errors, []);
  });
});

