// Two things staff trip over, in real Chromium against the real `crema serve`: an item named
// like one that exists is said before it is saved (and saved only when asked again), and at
// the counter a cashier hands the till over in two taps: sign out lands on the PIN pad, the
// next cashier's PIN signs them in, and who is signed in stays in sight.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CASHIER_PIN, USERS, VIEWPORTS, apiClient, launchBrowser, newPage, signIn, startServer } from './harness.mjs';

setTimeout(() => {
  console.error('e2e staff-polish: global time limit reached');
  process.exit(1);
}, 60_000).unref();

let server, browser, api;

describe('staff polish', { timeout: 55_000 }, () => {
  before(async () => {
    server = await startServer();
    api = apiClient(server.url);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a duplicate item name is said before saving and saved only when asked again', async () => {
    const admin = await newPage(browser, VIEWPORTS.tablet);
    await admin.goto(`${server.url}/admin`);
    await signIn(admin, USERS.admin);
    await admin.getByRole('tab', { name: 'Menu', exact: true }).click();
    const menu = (await api.call('GET', '/api/menu')).body;
    const category = menu.categories[0];
    const existing = category.items[0];
    await admin.getByRole('button', { name: `Add item to ${category.name}` }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByLabel('Name', { exact: true }).fill(` ${existing.name.toUpperCase()} `);
    await dialog.getByLabel(/^Price/).fill('3.10');
    await dialog.getByTestId('item-duplicate').waitFor();
    assert.match(await dialog.getByTestId('item-duplicate').textContent(), new RegExp(existing.name));
    await dialog.getByTestId('item-save').click();
    // The first save only insists: nothing is created yet.
    assert.equal(await dialog.getByTestId('item-save').textContent(), 'Save anyway');
    const count = async () => (await api.call('GET', '/api/menu')).body.categories.flatMap((c) => c.items).filter((i) => i.name.toLowerCase() === existing.name.toLowerCase()).length;
    assert.equal(await count(), 1);
    await dialog.getByTestId('item-save').click();
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(await count(), 2, 'saved when asked again');
    assert.deepEqual(admin.errors, []);
    await admin.context().close();
  });

  it('the till changes hands by PIN in two taps, and who is signed in shows', async () => {
    const till = await newPage(browser, VIEWPORTS.tablet);
    await till.goto(`${server.url}/counter`);
    await signIn(till, USERS.cashier);
    await till.getByTestId('who').getByText(USERS.cashier.username, { exact: true }).waitFor();
    await till.getByRole('button', { name: 'Sign out' }).click();
    // Straight to the PIN pad on this machine.
    const pad = till.getByRole('group', { name: 'PIN' });
    await pad.waitFor();
    for (const d of CASHIER_PIN) await pad.getByRole('button', { name: d, exact: true }).click();
    await till.getByTestId('pin-submit').click();
    await till.getByTestId('who').getByText('counter', { exact: true }).waitFor();
    await till.getByTestId('place-order').waitFor();
    assert.deepEqual(till.errors, []);
    await till.context().close();
  });
});
