// Modifiers as a café uses them, in real Chromium against the real `crema serve`:
// a double extra shot taken at the counter (price, cart, the board's ticket), and a shared
// "Plant milk" group made once in Admin → Modifier groups, attached to two items, seen in the
// counter's modifier dialog and re-priced there live when the library changes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { USERS, VIEWPORTS, apiClient, axeViolations, launchBrowser, newPage, screenshotBoth, signIn, startServer } from './harness.mjs';
import { badTargets, box, overflowing } from './layout.mjs';

setTimeout(() => {
  console.error('e2e modifiers: global time limit reached');
  process.exit(1);
}, 150_000).unref();

let server, browser, api, menu;
const items = () => menu.categories.flatMap((c) => c.items);
const byName = (name) => items().find((i) => i.name === name);
const categoryOf = (item) => menu.categories.find((c) => c.items.some((i) => i.id === item.id));

async function checked(page, name) {
  await screenshotBoth(page, name);
  assert.deepEqual(await axeViolations(page), [], `axe on ${name}`);
}

async function counterPage() {
  const page = await newPage(browser, VIEWPORTS.tablet);
  await page.goto(`${server.url}/counter`);
  await signIn(page, USERS.cashier);
  await page.getByRole('heading', { name: 'Counter' }).waitFor();
  return page;
}

describe('modifiers', { timeout: 140_000 }, () => {
  before(async () => {
    server = await startServer();
    api = apiClient(server.url);
    menu = (await api.call('GET', '/api/menu')).body;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a double extra shot at the counter: priced twice, "2×" in the cart and on the board', { timeout: 60_000 }, async () => {
    const board = await newPage(browser, VIEWPORTS.counter);
    await board.goto(`${server.url}/kitchen`);
    await signIn(board, USERS.kitchen);
    await board.locator('[data-testid="stream-status"][data-status="online"]').waitFor();

    const page = await counterPage();
    const latte = byName('Latte');
    await page.getByRole('tab', { name: categoryOf(latte).name, exact: true }).click();
    await page.locator(`[data-item-id="${latte.id}"]`).click();
    const dialog = page.getByRole('dialog');
    const shot = dialog.locator('[data-testid="modifier-option"][data-option-name="Extra shot"]');
    await shot.click();
    // Taken once: its stepper appears; one more makes it a double.
    const more = dialog.getByRole('button', { name: 'One more Extra shot' });
    await more.click();
    assert.equal(await shot.getAttribute('data-count'), '2');
    await dialog.getByText('2× Extra shot').waitFor();
    // The group's max (2) is reached: no third shot, and no decaf on top.
    assert.equal(await more.isDisabled(), true);
    await dialog.locator('[data-testid="modifier-option"][data-option-name="Decaf shot"]').click();
    assert.equal(await dialog.locator('[data-testid="modifier-option"][data-option-name="Decaf shot"]').getAttribute('aria-checked'), 'false');
    for (const b of [more, dialog.getByRole('button', { name: 'One less Extra shot' }), shot]) {
      const r = await box(b);
      assert.ok(r.width >= 44 && r.height >= 44, `touch target ${JSON.stringify(r)}`);
    }
    // €3.80 + 2 × €0.60
    await dialog.getByTestId('modifier-add').getByText('€5.00').waitFor();
    await checked(page, 'modifier-double-shot');
    // On a phone the stepper still fits and every target is tappable.
    await page.setViewportSize({ width: 390, height: 844 });
    assert.deepEqual(await badTargets(page), [], 'tap targets at 390 px');
    assert.deepEqual(await overflowing(page, 'dialog[open]'), [], 'nothing sticks out of the dialog at 390 px');
    await page.setViewportSize(VIEWPORTS.tablet);
    await dialog.getByTestId('modifier-add').click();
    const line = page.getByTestId('cart-line').filter({ hasText: 'Latte' });
    await line.getByText('2× Extra shot').waitFor();
    await line.getByText('€5.00').waitFor();
    await page.getByTestId('cart-total').getByText('€5.00').waitFor();

    await page.getByTestId('place-order').click();
    await page.getByRole('radio', { name: 'Card' }).click();
    await page.getByTestId('confirm-payment').click();
    await page.getByTestId('paid').waitFor();
    const number = Number((await page.locator('.paid .big-number').textContent()).replace('#', ''));

    // The board: the ticket names the shots once with their count, and not the defaults.
    const ticket = board.locator(`[data-testid="ticket"][data-number="${number}"]`);
    const mods = ticket.getByTestId('ticket-mods');
    await mods.waitFor({ timeout: 5000 });
    assert.equal((await mods.textContent()).trim(), '2× Extra shot');
    await checked(board, 'board-double-shot');

    const token = await api.login(USERS.admin);
    const order = (await api.call('GET', '/api/orders?status=placed', undefined, token)).body.orders.find((o) => o.number === number);
    assert.equal(order.total.amount, 500);
    assert.deepEqual(
      order.lines[0].modifiers.map((m) => m.name),
      ['Regular', 'Whole milk', 'Extra shot', 'Extra shot'],
    );
  });

  it('Admin: a shared "Plant milk" made once, attached to two items, in the counter\'s dialog and re-priced live', { timeout: 70_000 }, async () => {
    const admin = await newPage(browser, VIEWPORTS.tablet);
    await admin.goto(`${server.url}/admin`);
    await signIn(admin, USERS.admin);
    await admin.getByRole('heading', { name: 'Admin' }).waitFor();

    // Create it in the library.
    await admin.getByRole('tab', { name: 'Modifier groups', exact: true }).click();
    await admin.getByTestId('library-new').click();
    let dialog = admin.getByRole('dialog');
    await dialog.getByLabel('Group name').fill('Plant milk');
    await dialog.getByLabel('At least').fill('0');
    await dialog.getByLabel('At most').fill('1');
    await dialog.getByLabel('Option', { exact: true }).fill('Oat');
    await dialog.getByLabel(/^Price change/).fill('0.40');
    await dialog.getByRole('button', { name: 'Add option to Plant milk' }).click();
    await dialog.getByLabel('Option', { exact: true }).nth(1).fill('Soy');
    await dialog.getByLabel(/^Price change/).nth(1).fill('0.30');
    await checked(admin, 'admin-library-dialog');
    await dialog.getByTestId('library-save').click();
    await dialog.waitFor({ state: 'hidden' });
    const row = admin.locator('[data-testid="library-row"][data-group-name="Plant milk"]');
    await row.getByText('Not attached to any item yet.').waitFor();

    // Attach it to two items in the item editor: Black tea (after its own Tea) and Green tea.
    await admin.getByRole('tab', { name: 'Menu', exact: true }).click();
    for (const name of ['Black tea', 'Green tea']) {
      await admin.getByRole('button', { name: `Edit ${name}`, exact: true }).click();
      dialog = admin.getByRole('dialog');
      await dialog.getByTestId('library-pick').selectOption({ label: 'Plant milk' });
      await dialog.getByTestId('library-attach').click();
      await dialog.locator('[data-testid="library-group"][data-group-name="Plant milk"]').getByText('Oat +€0.40, Soy +€0.30').waitFor();
      if (name === 'Black tea') await checked(admin, 'admin-item-shared-group');
      await dialog.getByTestId('item-save').click();
      await dialog.waitFor({ state: 'hidden' });
    }
    menu = (await api.call('GET', '/api/menu')).body;
    assert.deepEqual(byName('Black tea').modifier_groups.map((g) => g.name), ['Tea', 'Plant milk']);
    assert.deepEqual(byName('Green tea').modifier_groups.map((g) => g.name), ['Plant milk']);
    assert.equal(byName('Black tea').modifier_groups[1].id, byName('Green tea').modifier_groups[0].id);
    await admin.getByRole('tab', { name: 'Modifier groups', exact: true }).click();
    await row.getByText('Used by: Black tea, Green tea').waitFor();

    // The counter's dialog shows it on both items.
    const page = await counterPage();
    const black = byName('Black tea');
    await page.getByRole('tab', { name: categoryOf(black).name, exact: true }).click();
    await page.locator(`[data-item-id="${black.id}"]`).click();
    let mod = page.getByRole('dialog');
    await mod.getByText('Plant milk').waitFor();
    await mod.locator('[data-testid="modifier-option"][data-option-name="Oat"]').getByText('€0.40').waitFor();
    await mod.getByRole('button', { name: 'Cancel' }).click();
    // Green tea's choices are all optional: it has a small options button.
    await page.getByRole('button', { name: 'Options for Green tea' }).click();
    mod = page.getByRole('dialog');
    const oat = mod.locator('[data-testid="modifier-option"][data-option-name="Oat"]');
    await oat.getByText('€0.40').waitFor();

    // The price changed once in the library reaches the open dialog's item on the next open.
    await row.getByRole('button', { name: 'Edit Plant milk' }).click();
    dialog = admin.getByRole('dialog');
    await dialog.getByText('Changes apply at once to: Black tea, Green tea.').waitFor();
    await dialog.getByLabel(/^Price change/).first().fill('0.50');
    await dialog.getByTestId('library-save').click();
    await dialog.waitFor({ state: 'hidden' });
    await row.getByText('Oat +€0.50, Soy +€0.30').waitFor();
    await mod.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Options for Green tea' }).click();
    await page.getByRole('dialog').locator('[data-testid="modifier-option"][data-option-name="Oat"]').getByText('€0.50').waitFor({ timeout: 5000 });
    await page.getByRole('dialog').locator('[data-testid="modifier-option"][data-option-name="Oat"]').click();
    await page.getByRole('dialog').getByTestId('modifier-add').getByText('€3.50').waitFor();

    // A group in use is not deleted: the items are named.
    await row.getByRole('button', { name: 'Delete Plant milk' }).click();
    dialog = admin.getByRole('dialog');
    await dialog.getByTestId('confirm-delete').click();
    await dialog.getByRole('alert').getByText('“Plant milk” is still used by Black tea, Green tea.', { exact: false }).waitFor();
    await checked(admin, 'admin-library-in-use');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await admin.setViewportSize({ width: 390, height: 844 });
    assert.deepEqual(await badTargets(admin), [], 'tap targets of the library at 390 px');
    assert.deepEqual(await overflowing(admin, '.admin-section'), [], 'nothing sticks out of the library at 390 px');
    assert.deepEqual(page.errors, []);
    assert.deepEqual(admin.errors, []);
  });
});
