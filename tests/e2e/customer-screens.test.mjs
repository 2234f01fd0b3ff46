// The screens customers see, in real Chromium against the real `crema serve`: the kiosk
// returns to the menu after "your number is N"; every customer screen works on a phone
// (one column, the cart in a drawer, every tap target 44 px and inside the screen).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { badTargets, box, insideViewport, overflowing } from './layout.mjs';
import { SHOTS, USERS, VIEWPORTS, addItem, apiClient, axeViolations, launchBrowser, newPage, screenshotBoth, startServer } from './harness.mjs';

setTimeout(() => {
  console.error('e2e: global time limit reached');
  process.exit(1);
}, 120_000).unref();

let server, browser, api, adminToken, menu;
const PHONE = { width: 390, height: 844 };
const available = () => menu.categories.flatMap((c) => c.items).filter((i) => i.available);

/** Pairs a new tablet as a kiosk; `returnAfter` seconds on the pairing screen when given. */
async function pairKiosk(page, name, returnAfter) {
  const r = await api.call('POST', '/api/devices/pairing-codes', { name }, adminToken);
  assert.equal(r.status, 201, JSON.stringify(r.body));
  await page.goto(`${server.url}/pair`);
  await page.getByTestId('pair-code').fill(r.body.code);
  if (returnAfter !== undefined) await page.getByTestId('return-after').fill(String(returnAfter));
  await page.getByRole('button', { name: 'Pair', exact: true }).click();
  await page.waitForURL(/\/kiosk$/);
  await page.getByTestId('menu-item').first().waitFor();
}

async function checked(page, name) {
  await screenshotBoth(page, name);
  assert.deepEqual(await axeViolations(page), [], `axe on ${name}`);
}

describe('the screens customers see', { timeout: 100_000 }, () => {
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

  it('the kiosk returns to the menu after "your number is N" and a short idle time', { timeout: 40_000 }, async () => {
    const kiosk = await newPage(browser, VIEWPORTS.tablet);
    await kiosk.goto(`${server.url}/pair`);
    assert.equal(await kiosk.getByTestId('return-after').inputValue(), '30', 'the default is 30 s');
    await pairKiosk(kiosk, 'Kiosk idle', 5);
    await addItem(kiosk, menu, available().find((i) => i.modifier_groups.length === 0));
    await kiosk.getByTestId('place-order').click();
    await kiosk.waitForURL(/\/kiosk\/order\//);
    await kiosk.getByTestId('order-number').waitFor();
    const started = Date.now();
    assert.match(await kiosk.getByTestId('return-countdown').textContent(), /^Back to the menu in [45] seconds\.$/);
    await checked(kiosk, 'kiosk-number-return');
    await kiosk.waitForURL(/\/kiosk$/, { timeout: 9000 });
    const waited = Date.now() - started;
    assert.ok(waited >= 3000, `it waited for the idle time (${waited} ms)`);
    await kiosk.getByTestId('menu-item').first().waitFor();
    assert.equal(await kiosk.getByTestId('cart-line').count(), 0);
    assert.deepEqual(kiosk.errors, []);
  });

  it('every customer screen works on a 390×844 phone: one column, the cart in a drawer', { timeout: 40_000 }, async () => {
    const phone = await newPage(browser, PHONE);
    const fits = async (name) => {
      assert.deepEqual(await badTargets(phone), [], `tap targets on ${name}`);
      assert.deepEqual(await overflowing(phone), [], `overflow on ${name}`);
      await phone.screenshot({ path: `${SHOTS}/${name}-390x844.png` });
      assert.deepEqual(await axeViolations(phone), [], `axe on ${name}`);
    };
    await phone.goto(server.url);
    await phone.locator('.launcher').waitFor();
    await fits('phone-home');
    await phone.goto(`${server.url}/pair`);
    await phone.getByTestId('pair-code').waitFor();
    await fits('phone-pair');
    await phone.goto(`${server.url}/account`);
    await phone.getByLabel('Name').fill('Grace');
    await phone.getByLabel('E-mail').fill(`grace-${Date.now()}@example.com`);
    await phone.getByLabel('Password').fill('a-long-password-1');
    await fits('phone-account');
    await phone.getByRole('button', { name: 'Create account' }).last().click();
    await phone.waitForURL(/\/kiosk$/);
    await phone.getByTestId('menu-item').first().waitFor();
    // One column: the menu takes the screen's width; the cart waits in a drawer.
    const menuBox = await box(phone.getByRole('region', { name: 'Menu' }));
    assert.ok(menuBox.width >= PHONE.width - 40, `the menu is one full-width column: ${menuBox.width} px`);
    assert.equal(await phone.getByTestId('place-order').isVisible(), false, 'the cart is closed');
    await fits('phone-kiosk');
    const item = available().find((i) => i.modifier_groups.length === 0);
    await addItem(phone, menu, item);
    const bar = phone.getByTestId('cart-drawer-open');
    assert.match(await bar.textContent(), /1/);
    assert.ok(insideViewport(await box(bar), PHONE), 'the cart button is on the screen');
    await bar.click();
    await phone.getByTestId('cart-line').first().waitFor();
    assert.ok(insideViewport(await box(phone.getByTestId('place-order')), PHONE), 'the order button is on the screen');
    await fits('phone-cart');
    await phone.getByTestId('place-order').click();
    await phone.waitForURL(/\/kiosk\/order\//);
    await phone.getByTestId('order-number').waitFor();
    await fits('phone-number');
    assert.deepEqual(phone.errors, []);
  });
});
