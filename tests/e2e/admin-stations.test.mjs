// The admin's kitchen-station and ready-time fields, on a phone in German, in real Chromium
// against the real `crema serve`: a category routed to a station, an item's preparation time
// (refused when it is no whole number of minutes) and "featured"; what the server keeps.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { USERS, apiClient, axeViolations, launchBrowser, newPage, signIn, startServer } from './harness.mjs';
import { overflowing } from './layout.mjs';

setTimeout(() => {
  console.error('e2e: global time limit reached');
  process.exit(1);
}, 60_000).unref();

let server, browser, api;
const PHONE = { width: 390, height: 844 };

describe('admin: stations, preparation times, featured items', { timeout: 50_000 }, () => {
  before(async () => {
    server = await startServer();
    api = apiClient(server.url);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('routes a category to a station and sets an item’s preparation time, in German', { timeout: 40_000 }, async () => {
    const admin = await api.login(USERS.admin);
    const menu = (await api.call('GET', '/api/menu')).body;
    const category = menu.categories.find((c) => c.items.length > 0 && c.station !== 'terrasse');
    const item = category.items[0];

    const page = await newPage(browser, PHONE, 'de-DE');
    await page.goto(`${server.url}/admin`);
    await signIn(page, USERS.admin, 'de');
    await page.getByRole('tab', { name: 'Speisekarte', exact: true }).click();
    const block = page.locator('[data-testid="admin-category"]', { has: page.getByRole('heading', { name: category.name }) });
    const station = block.getByTestId('category-station');
    await station.fill('Terrasse 2');
    await block.getByText('Nur 1 bis 32 Kleinbuchstaben, Ziffern, - oder _.').waitFor();
    assert.equal(await station.getAttribute('aria-invalid'), 'true');
    assert.ok(await block.getByTestId('category-station-save').isDisabled());
    await station.fill('terrasse');
    await block.getByTestId('category-station-save').click();
    await block.getByTestId('category-station-save').waitFor({ state: 'detached' });
    const cats = (await api.call('GET', '/api/categories', undefined, admin)).body;
    assert.equal((cats.categories ?? cats).find((c) => c.id === category.id).station, 'terrasse');
    assert.deepEqual(await overflowing(page), []);
    assert.deepEqual(await axeViolations(page), []);

    await block.getByRole('button', { name: `${item.name} bearbeiten` }).click();
    const dialog = page.getByRole('dialog');
    const prep = dialog.getByTestId('item-prep');
    await prep.fill('drei');
    await dialog.getByText('Ganze Minuten von 0 bis 180 eingeben.').waitFor();
    await dialog.getByTestId('item-save').click();
    assert.ok(await dialog.isVisible(), 'not saved with a bad preparation time');
    await prep.fill('7');
    const featured = dialog.getByTestId('item-featured');
    if (!(await featured.isChecked())) await featured.check();
    assert.deepEqual(await axeViolations(page), []);
    await dialog.getByTestId('item-save').click();
    await dialog.waitFor({ state: 'hidden' });

    const after = (await api.call('GET', '/api/menu')).body.categories.flatMap((c) => c.items).find((i) => i.id === item.id);
    assert.equal(after.prep_minutes, 7);
    assert.equal(after.featured, true);
    assert.deepEqual(page.errors, []);
  });
});
