// The shop's tables in the admin panel, in real Chromium against the real `crema serve`:
// an admin adds tables in German and in English, sees each one's QR code and link, downloads
// the PDF sheet of QR codes, renames a table and gives one a new code; axe finds nothing serious
// and nothing overflows on a 390 px phone. Then, with guests' orders waiting for an accept,
// a guest orders from a table's code and the counter shows it waiting until the cashier accepts it.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { overflowing } from './layout.mjs';
import { SHOTS, USERS, VIEWPORTS, apiClient, axeViolations, launchBrowser, newPage, signIn, startServer } from './harness.mjs';

setTimeout(() => {
  console.error('e2e: global time limit reached');
  process.exit(1);
}, 150_000).unref();

let server, browser, api, adminToken, menu;
const PHONE = { width: 390, height: 844 };

async function axeClean(page, name) {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  assert.deepEqual(await axeViolations(page), [], `axe on ${name}`);
}

async function tables() {
  const r = await api.call('GET', '/api/tables', undefined, adminToken);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.tables;
}

async function addTable(page, name, area, words) {
  await page.getByTestId('table-add').click();
  await page.getByRole('dialog', { name: words.newTitle }).waitFor();
  await page.getByTestId('table-name').fill(name);
  await page.getByTestId('table-area').fill(area);
  await page.getByTestId('table-save').click();
  await page.locator(`[data-testid="table-row"][data-name="${name}"]`).waitFor();
}

describe('tables and their QR codes', { timeout: 140_000 }, () => {
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

  it('an admin adds tables in German and English, prints their QR codes, renames one and gives one a new code', { timeout: 80_000 }, async () => {
    const de = await newPage(browser, VIEWPORTS.counter, 'de-DE');
    await de.goto(`${server.url}/admin?tab=tables`);
    await signIn(de, USERS.admin, 'de');
    await de.getByRole('heading', { name: 'Tische' }).waitFor();
    await de.getByTestId('tables-empty').waitFor();
    assert.equal(await de.getByTestId('tables-print').isDisabled(), true, 'nothing to print without tables');
    await axeClean(de, 'admin-tables-empty-de');
    // An empty name is caught before it is sent.
    await de.getByTestId('table-add').click();
    await de.getByTestId('table-name').fill('   ');
    await de.getByTestId('table-save').click();
    await de.getByText('Geben Sie einen Namen mit 1 bis 16 Zeichen ein.').waitFor();
    await de.getByRole('button', { name: 'Abbrechen' }).click();
    await addTable(de, 'Fenster 1', 'Innen', { newTitle: 'Neuer Tisch' });
    await de.getByRole('img', { name: 'QR-Code von Tisch Fenster 1' }).waitFor();
    // The same name again: the server's answer, in German.
    await de.getByTestId('table-add').click();
    await de.getByTestId('table-name').fill('Fenster 1');
    await de.getByTestId('table-save').click();
    assert.equal(await de.getByTestId('table-error').innerText(), 'Ein anderer Tisch hat bereits diesen Namen.');
    await de.getByRole('button', { name: 'Abbrechen' }).click();

    const en = await newPage(browser, VIEWPORTS.counter, 'en-GB');
    await en.goto(`${server.url}/admin?tab=tables`);
    await signIn(en, USERS.admin);
    await en.getByRole('heading', { name: 'Tables', exact: true }).waitFor();
    await addTable(en, 'Terrace 2', 'Terrace', { newTitle: 'New table' });
    const rows = en.getByTestId('table-row');
    assert.equal(await rows.count(), 2);
    for (const t of await tables()) {
      const row = en.locator(`[data-testid="table-row"][data-code="${t.code}"]`);
      await row.getByRole('img', { name: `QR code of table ${t.name}` }).waitFor();
      assert.equal(await row.getByTestId('table-link').innerText(), `${server.url}/t/${t.code}`);
    }
    await axeClean(en, 'admin-tables-en');

    // Print: the PDF of the QR codes arrives as a download.
    const [download] = await Promise.all([en.waitForEvent('download'), en.getByTestId('tables-print').click()]);
    assert.match(download.suggestedFilename(), /\.pdf$/);
    const pdf = await readFile(await download.path());
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.ok(pdf.length > 2000, `a PDF with two cards (${pdf.length} bytes)`);

    // Rename: the row follows.
    const terrace = (await tables()).find((t) => t.name === 'Terrace 2');
    await en.getByRole('button', { name: 'Edit Terrace 2' }).click();
    await en.getByTestId('table-name').fill('Terrace 3');
    await en.getByTestId('table-save').click();
    await en.locator(`[data-testid="table-row"][data-name="Terrace 3"][data-code="${terrace.code}"]`).waitFor();

    // A new code: confirmed first, since the printed code stops working.
    await en.getByRole('button', { name: 'New code for table Terrace 3' }).click();
    await en.getByText('Its printed QR code stops working at once').waitFor();
    await en.getByTestId('confirm-new-code').click();
    await en.getByText('Table Terrace 3 has a new code. Print its QR code again.').waitFor();
    const renewed = (await tables()).find((t) => t.id === terrace.id);
    assert.notEqual(renewed.code, terrace.code);
    await en.locator(`[data-testid="table-row"][data-code="${renewed.code}"]`).waitFor();
    const old = await api.call('POST', `/api/tables/${terrace.code}/session`, {});
    assert.equal(old.status, 404, 'the old code opens nothing');

    // On a phone: the rows become cards, nothing overflows.
    await en.setViewportSize(PHONE);
    await en.getByRole('img', { name: 'QR code of table Terrace 3' }).waitFor();
    assert.deepEqual(await overflowing(en), [], 'nothing overflows at 390 px');
    await axeClean(en, 'admin-tables-390');
    await de.setViewportSize(PHONE);
    assert.deepEqual(await overflowing(de), [], 'nothing overflows at 390 px in German');
    assert.deepEqual([...de.errors, ...en.errors], []);
  });

  it('with the setting on, a guest’s order waits at the counter until the cashier accepts it', { timeout: 50_000 }, async () => {
    const admin = await newPage(browser, VIEWPORTS.counter, 'en-GB');
    await admin.goto(`${server.url}/admin?tab=tables`);
    await signIn(admin, USERS.admin);
    await admin.getByText('Guests’ orders wait for a staff accept').click();
    await admin.getByText('Saved: Guests’ orders wait for a staff accept.').waitFor();
    assert.equal((await api.call('GET', '/api/settings')).body.guest_orders_need_accept, true);
    assert.equal(await admin.getByTestId('guest-mode-accept').isChecked(), true);

    // A guest scans table Fenster 1 and orders a cake.
    const table = (await tables()).find((t) => t.name === 'Fenster 1');
    const session = await api.call('POST', `/api/tables/${table.code}/session`, {});
    assert.equal(session.status, 201, JSON.stringify(session.body));
    const cake = menu.categories.flatMap((c) => c.items).find((i) => i.name === 'Carrot cake');
    const placed = await api.call('POST', '/api/orders', { lines: [{ item_id: cake.id, quantity: 1 }], type: 'dine_in' }, session.body.access_token, {
      'Idempotency-Key': 'tables-e2e-1',
    });
    assert.equal(placed.status, 201, JSON.stringify(placed.body));
    assert.equal(placed.body.awaiting_accept, true);

    const counter = await newPage(browser, VIEWPORTS.tablet, 'en-GB');
    await counter.goto(`${server.url}/counter`);
    await signIn(counter, USERS.cashier);
    await counter.getByRole('heading', { name: 'Counter' }).waitFor();
    await counter.getByTestId('awaiting-count').waitFor();
    await counter.getByTestId('orders-tab').click();
    const row = counter.locator(`[data-testid="order-row"][data-number="${placed.body.number}"]`);
    await row.getByTestId('awaiting-badge').waitFor();
    assert.match(await row.innerText(), /Waiting for accept/);
    assert.match(await row.innerText(), /Fenster 1/);
    await counter.getByTestId('awaiting-notice').waitFor();
    await axeClean(counter, 'counter-guest-order-waiting');
    // On a phone too: the waiting order, its badge and Accept fit.
    await counter.setViewportSize({ width: 390, height: 844 });
    await row.getByTestId('awaiting-badge').waitFor();
    assert.deepEqual(await overflowing(counter), [], 'no overflow at 390 px with a waiting order');
    assert.deepEqual(await axeViolations(counter), [], 'axe at 390 px with a waiting order');
    await counter.setViewportSize(VIEWPORTS.tablet);

    await row.getByRole('button', { name: `Accept order ${placed.body.number}` }).click();
    await counter.getByText(`Order ${placed.body.number} accepted: the kitchen has it now.`).waitFor();
    await row.getByTestId('awaiting-badge').waitFor({ state: 'detached' });
    assert.equal(await row.getAttribute('data-awaiting'), null);
    assert.equal(await counter.getByTestId('awaiting-notice').count(), 0);
    assert.equal(await counter.getByTestId('awaiting-count').count(), 0);
    const cashierToken = await api.login(USERS.cashier);
    const after = await api.call('GET', `/api/orders/${placed.body.id}`, undefined, cashierToken);
    assert.equal(after.body.awaiting_accept, false);
    assert.deepEqual([...admin.errors, ...counter.errors], []);
  });
});
