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
});
