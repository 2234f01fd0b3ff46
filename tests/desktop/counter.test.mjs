// The real counter app in a real window (Xvfb), driven by tauri-driver and
// WebKitWebDriver: first-run setup, PIN sign-in, two items (one with a
// modifier), cash; a kitchen board in Chromium on the embedded LAN server
// shows the order. Run through scripts/desktop-test.sh.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';

import { ROOT, CHROMIUM, TARGET } from '../e2e/harness.mjs';
import { WebDriver } from './webdriver.mjs';
import { createRequire } from 'node:module';

const require = createRequire(path.join(ROOT, 'frontend/package.json'));
const { chromium } = require('playwright-core');

const APP = process.env.CREMA_DESKTOP_BIN ?? path.join(TARGET, 'debug/crema-desktop');
const OUT = process.env.E2E_OUT ?? path.join(ROOT, 'target/e2e');
const OWNER = { username: 'owner', password: 'owner-pass-1' };
const CASHIER = { name: 'Mia', pin: '258046' };

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitForDriver(base, child) {
  const end = Date.now() + 20_000;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`tauri-driver exited with ${child.exitCode}`);
    try {
      const r = await fetch(`${base}/status`, { signal: AbortSignal.timeout(1000) });
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('tauri-driver did not start');
}

/** Starts tauri-driver and opens the app in a new window over a new data directory. */
async function launch(env = {}) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'crema-desktop-'));
  const port = await freePort();
  const nativePort = await freePort();
  const log = [];
  const driver = spawn('tauri-driver', ['--port', String(port), '--native-port', String(nativePort)], {
    env: {
      ...process.env,
      CREMA_DATA_DIR: dataDir,
      // Tests bind loopback on a free port; the counter shows which.
      CREMA_BIND: '127.0.0.1:0',
      CREMA_LOG: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  driver.stdout.on('data', (d) => log.push(String(d)));
  driver.stderr.on('data', (d) => log.push(String(d)));
  const base = `http://127.0.0.1:${port}`;
  await waitForDriver(base, driver);
  const wd = await WebDriver.session(base, { 'tauri:options': { application: APP } });
  return {
    wd,
    dataDir,
    async close(name) {
      // What the window showed last, for a failing run.
      try {
        writeFileSync(path.join(OUT, `${name}-last.png`), await wd.screenshot());
        writeFileSync(path.join(OUT, `${name}-last.html`), String(await wd.cmd('GET', '/source')));
      } catch {
        // the window is gone
      }
      await wd.quit();
      driver.kill('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
      writeFileSync(path.join(OUT, `${name}-driver.log`), log.join(''));
    },
  };
}

/** First-run setup (with the demo menu), then the cashier's PIN sign-in. */
async function setUpAndSignIn(wd) {
  await wd.find('[data-testid="setup-shop-name"]', { timeoutMs: 60_000 });
  await wd.type('[data-testid="setup-shop-name"]', 'Café Lumen');
  await wd.type('[data-testid="setup-admin-username"]', OWNER.username);
  await wd.type('[data-testid="setup-admin-password"]', OWNER.password);
  await wd.type('[data-testid="setup-admin-password2"]', OWNER.password);
  await wd.type('[data-testid="setup-cashier-name-0"]', CASHIER.name);
  await wd.type('[data-testid="setup-cashier-pin-0"]', CASHIER.pin);
  const demo = await wd.find('[data-testid="setup-demo"]', { visible: false });
  if ((await wd.cmd('GET', `/element/${demo}/selected`)) !== true) await wd.click('[data-testid="setup-demo"]');
  await wd.click('[data-testid="setup-submit"]');

  await wd.find('[data-testid="pin-key-1"], [data-testid="login-tab-pin"]', { timeoutMs: 30_000 });
  if ((await wd.findAll('[data-testid="pin-key-1"]')).length === 0) await wd.click('[data-testid="login-tab-pin"]');
  for (const d of CASHIER.pin) await wd.click(`[data-testid="pin-key-${d}"]`);
  await wd.click('[data-testid="pin-submit"]');
  await wd.find('[data-testid="category-tab"]', { timeoutMs: 30_000 });
}

before(() => {
  assert.ok(process.env.DISPLAY, 'needs a display (run under xvfb-run)');
  assert.ok(existsSync(APP), `build the app first: ${APP}`);
  mkdirSync(OUT, { recursive: true });
});

describe('counter app (Tauri window)', () => {
  let app;
  let browser;

  after(async () => {
    await browser?.close();
    await app?.close('desktop');
  });

  it('sets up, signs in with a PIN, sells two items for cash, and the board sees it', { timeout: 180_000 }, async () => {
    app = await launch();
    const { wd, dataDir } = app;
    await setUpAndSignIn(wd);
    // The store was created in the data directory given to the app.
    assert.ok(existsSync(path.join(dataDir, 'crema.db')));

    // The counter, with the demo menu, through Tauri commands.
    const menu = await wd.execAsync(
      "const done = arguments[arguments.length - 1]; window.__TAURI_INTERNALS__.invoke('get_menu').then(done, (e) => done({ error: e }));",
    );
    assert.ok(!menu.error, JSON.stringify(menu.error));
    assert.equal(menu.currency, 'EUR');
    const items = menu.categories.flatMap((c) => c.items.map((i) => ({ ...i, category: c.id })));
    const withOptional = items.find((i) => i.available && i.modifier_groups.some((g) => g.min === 0 && g.options.length > 0));
    const plain = items.find((i) => i.available && i.modifier_groups.length === 0);
    assert.ok(withOptional && plain, 'the demo menu has an item with an optional modifier and a plain one');
    const option = withOptional.modifier_groups.find((g) => g.min === 0).options[0];

    await wd.click(`#tab-${withOptional.category}`);
    // An item with a required choice opens the dialog on a tap; one whose choices are all
    // optional goes in plain on a tap, and its ⋯ button opens the choices.
    const onlyOptional = withOptional.modifier_groups.every((g) => g.min === 0);
    await wd.click(onlyOptional ? `[data-item-id="${withOptional.id}"] + [data-testid="item-options"]` : `[data-item-id="${withOptional.id}"]`);
    await wd.click(`[data-option-id="${option.id}"]`);
    await wd.waitFor('the option to be on', async () =>
      (await wd.attr(await wd.find(`[data-option-id="${option.id}"]`), 'aria-checked')) === 'true',
    );
    await wd.click('[data-testid="modifier-add"]');
    await wd.click(`#tab-${plain.category}`);
    await wd.click(`[data-item-id="${plain.id}"]`);
    await wd.waitFor('two cart lines', async () => (await wd.findAll('[data-testid="cart-line"]')).length === 2);

    // The LAN address the counter shows for tablets and the board.
    const lan = await wd.find('[data-testid="lan-url"]', { timeoutMs: 20_000, visible: false });
    const lanUrl = String(await wd.attr(lan, 'title')).trim();
    assert.match(lanUrl, /^http:\/\/127\.0\.0\.1:\d+\/?$/);
    writeFileSync(path.join(OUT, 'desktop-counter.png'), await wd.screenshot());

    // Place and take cash.
    await wd.click('[data-testid="place-order"]');
    const numberEl = await wd.find('[data-testid="payment-order-number"]');
    const number = Number(await wd.attr(numberEl, 'data-number'));
    assert.ok(number > 0);
    const tender = await wd.find('[data-testid^="quick-cash-"]', {
      accept: async (el) => Number(await wd.attr(el, 'data-amount')) > 0,
    });
    const amount = Number(await wd.attr(tender, 'data-amount'));
    await wd.cmd('POST', `/element/${tender}/click`, {});
    await wd.click('[data-testid="confirm-payment"]');
    const paid = await wd.find('[data-testid="paid-order-number"]', { timeoutMs: 20_000 });
    assert.equal(Number(await wd.attr(paid, 'data-number')), number);
    writeFileSync(path.join(OUT, 'desktop-paid.png'), await wd.screenshot());

    // The order as the store has it: two lines, the modifier, paid in cash.
    const orders = await wd.execAsync(
      "const done = arguments[arguments.length - 1]; const s = JSON.parse(localStorage.getItem('crema.session') || 'null');" +
        "window.__TAURI_INTERNALS__.invoke('list_orders', { token: s && s.accessToken, statuses: ['placed'] }).then(done, (e) => done({ error: e }));",
    );
    assert.ok(!orders.error, JSON.stringify(orders.error));
    const order = orders.orders.find((o) => o.number === number);
    assert.ok(order, 'the order is in the store');
    assert.equal(order.lines.length, 2);
    assert.equal(order.paid, true);
    assert.equal(order.payments[0].method, 'cash');
    assert.equal(order.payments[0].tendered?.amount ?? amount, amount);
    assert.ok(order.lines.some((l) => l.modifiers.some((m) => m.name === option.name)));

    // A reload on a deep route (as after a crash or F5) comes back to it.
    const here = await wd.cmd('GET', '/url');
    await wd.cmd('POST', '/url', { url: new URL('/kitchen', here).href });
    await wd.find(`[data-testid="ticket"][data-number="${number}"]`, { timeoutMs: 20_000, visible: false });
    await wd.cmd('POST', '/url', { url: new URL('/counter', here).href });
    await wd.find('[data-testid="category-tab"]', { timeoutMs: 20_000 });

    // A kitchen board in Chromium, on the counter's embedded LAN server.
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(new URL('/kitchen', lanUrl).href);
    await page.getByTestId('login-tab-password').click();
    await page.getByLabel('Username').fill(OWNER.username);
    await page.getByLabel('Password', { exact: true }).fill(OWNER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const ticket = page.locator(`[data-testid="ticket"][data-number="${number}"]`);
    await ticket.waitFor({ timeout: 20_000 });
    const ticketText = await ticket.textContent();
    assert.ok(ticketText.includes(withOptional.name), ticketText);
    assert.ok(ticketText.includes(plain.name), ticketText);
    assert.ok(ticketText.includes(option.name), ticketText);
    await page.screenshot({ path: path.join(OUT, 'desktop-board.png') });
  });
});

describe('counter app with its LAN port taken', () => {
  let app;
  let blocker;

  after(async () => {
    await app?.close('desktop-port');
    blocker?.close();
  });

  it('says so and moves to the free port it offers', { timeout: 120_000 }, async () => {
    blocker = createServer();
    await new Promise((r) => blocker.listen(0, '127.0.0.1', r));
    const taken = blocker.address().port;
    app = await launch({ CREMA_BIND: `127.0.0.1:${taken}` });
    const { wd } = app;
    await setUpAndSignIn(wd);

    // The header says tablets cannot connect; the dialog says why and offers a port.
    await wd.click('[data-testid="lan-problem"][data-code="port_in_use"]', { timeoutMs: 20_000 });
    const problem = await wd.find('[data-testid="lan-error"]');
    assert.match(await wd.text(problem), new RegExp(String(taken)));
    writeFileSync(path.join(OUT, 'desktop-port-taken.png'), await wd.screenshot());
    await wd.click('[data-testid="lan-use-port"]');

    // Now it serves on the new port, and says where.
    const lan = await wd.find('[data-testid="lan-url"]', { timeoutMs: 20_000, visible: false });
    const url = String(await wd.attr(lan, 'title'));
    const port = Number(new URL(url).port);
    assert.notEqual(port, taken);
    const health = await (await fetch(new URL('/api/health', url))).json();
    assert.equal(health.status, 'ok');
    assert.equal((await wd.findAll('[data-testid="lan-problem"]')).length, 0);
  });
});
