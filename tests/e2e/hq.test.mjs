// Head office in the browser (#15): a fresh PostgreSQL database, `crema hq serve`, two real
// shops (`crema serve`) enrolled with `crema shop enrol` and pushing every second, orders
// placed in each through its API; then the owner signs in at /hq, sees both shops in the
// charts and figures, downloads the days as CSV, and (once head office has the menu
// roll-out) imports one shop's menu and publishes it. The dashboard on a 390 px phone and
// axe on every screen. The database is dropped at the end. `E2E_DOCS=1` saves the dashboard to docs/.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { CREMA_BIN, ROOT, SHOTS, USERS, apiClient, axeViolations, cremaCli, launchBrowser, newPage, screenshotBoth, serverEnv, startServer } from './harness.mjs';
import { badTargets, overflowing } from './layout.mjs';

setTimeout(() => {
  console.error('e2e hq: global time limit reached');
  process.exit(1);
}, 120_000).unref();

const OWNER = { username: 'olga', password: 'owner-pass-1' };
const PHONE = { width: 390, height: 844 };
// `E2E_DOCS=1` also saves the dashboard (tablet and phone) to docs/ for the README.
const DOCS = process.env.E2E_DOCS === '1';
const TABLET = { width: 1024, height: 768 };
// The PostgreSQL server the Rust head-office tests use too (any database on it will do).
const DB_SERVER = process.env.CREMA_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = `crema_e2e_${process.pid}_${Date.now()}`;

/** `url` with its database replaced by `name` (its query, if any, kept). */
function withDatabase(url, name) {
  const [base, query] = url.split('?');
  const hostEnd = base.indexOf('/', base.indexOf('://') + 3);
  return `${hostEnd === -1 ? base : base.slice(0, hostEnd)}/${name}${query ? `?${query}` : ''}`;
}
const DB_URL = withDatabase(DB_SERVER, DB_NAME);

function psql(sql) {
  const r = spawnSync('psql', [DB_SERVER, '-v', 'ON_ERROR_STOP=1', '-qc', sql], { encoding: 'utf8', timeout: 30_000 });
  if (r.status !== 0) throw new Error(`psql ${sql}: ${r.stderr || r.error}`);
}

const hqCli = (args, input) => cremaCli(['hq', '--database-url', DB_URL, ...args], input);

/** `crema hq serve` on port 0; resolves with its URL once it prints it. */
async function startHq() {
  const child = spawn(CREMA_BIN, ['hq', '--database-url', DB_URL, 'serve', '--bind', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'pipe'], env: serverEnv({}) });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`crema hq serve did not start in 20 s: ${stderr}`)), 20_000);
    child.on('exit', (code) => reject(new Error(`crema hq serve exited (${code}): ${stderr}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const m = /listening on (http:\/\/\S+)/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
  });
  return { url, stop: () => child.exitCode === null && child.kill('SIGTERM') };
}

/** Polls `check` until it returns something truthy (at most `ms`). */
async function eventually(what, check, ms = 20_000) {
  const until = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const euro = (minor) => new Intl.NumberFormat('en', { style: 'currency', currency: 'EUR' }).format(minor / 100);

/** Places and pays `sales` ([item index, quantity, method, tip]) in a shop: the orders' totals. */
async function sell(shop, sales) {
  const api = apiClient(shop.url);
  const token = await api.login(USERS.cashier);
  const menu = (await api.call('GET', '/api/menu')).body;
  const items = menu.categories.flatMap((c) => c.items).filter((i) => i.available && i.modifier_groups.every((g) => g.min === 0));
  const totals = [];
  for (const [item, quantity, method, tip] of sales) {
    const o = await api.call('POST', '/api/orders', { lines: [{ item_id: items[item].id, quantity }], type: 'takeaway' }, token);
    assert.equal(o.status, 201, JSON.stringify(o.body));
    const pay = { method, amount: o.body.total, ...(tip ? { tip: { amount: tip, currency: 'EUR' } } : {}) };
    const p = await api.call('POST', `/api/orders/${o.body.id}/payments`, pay, token);
    assert.equal(p.status, 200, JSON.stringify(p.body));
    totals.push(o.body.total.amount);
  }
  return { totals, topItem: items[0].name };
}

let hq, browser, owner;
const shops = {};

describe('head office at /hq', () => {
  before(async () => {
    psql(`CREATE DATABASE ${DB_NAME}`);
    hqCli(['owner', 'add', OWNER.username, '--password-stdin'], `${OWNER.password}\n`);
    const codes = { Nord: hqCli(['shop', 'add', 'Nord']).trim(), Süd: hqCli(['shop', 'add', 'Süd']).trim() };
    hq = await startHq();
    for (const [name, code] of Object.entries(codes)) {
      shops[name] = await startServer({
        prepare: (dir) => {
          // Push every second (the shop's own settings file), enrolled before it starts.
          appendFileSync(path.join(dir, 'crema.toml'), 'sync_interval_seconds = 1\n');
          const out = cremaCli(['--data-dir', dir, 'shop', 'enrol', '--hq', hq.url, '--code', code]);
          assert.match(out, new RegExp(`enrolled as ${name}`));
        },
      });
    }
    shops.Nord.sold = await sell(shops.Nord, [
      [0, 2, 'card', 150],
      [1, 1, 'card', 0],
    ]);
    shops.Süd.sold = await sell(shops.Süd, [[0, 1, 'cash', 0]]);
    owner = await apiClient(hq.url).login(OWNER);
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    for (const s of Object.values(shops)) await s.stop();
    hq?.stop();
    try {
      psql(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
    } catch (e) {
      console.error(`e2e hq: could not drop ${DB_NAME}: ${e.message}`);
    }
  });

  it('the owner signs in and sees both shops in the charts, the figures and the CSV, also on a phone', async () => {
    // Every sale has reached head office through the shops' own pushes.
    const hqApi = apiClient(hq.url);
    const days = await eventually('both shops’ sales at head office', async () => {
      const today = new Date();
      const from = new Date(today.getTime() - 3 * 86_400_000).toISOString().slice(0, 10);
      const to = new Date(today.getTime() + 2 * 86_400_000).toISOString().slice(0, 10);
      const d = (await hqApi.call('GET', `/api/hq/reports/daily?from=${from}&to=${to}`, undefined, owner)).body;
      const n = (name) => d.days.filter((r) => r.name === name).reduce((s, r) => s + r.orders, 0);
      return n('Nord') === 2 && n('Süd') === 1 && d.days;
    });
    const dates = days.map((r) => r.date).sort();

    const page = await newPage(browser, TABLET);
    await page.goto(`${hq.url}/hq`);
    await page.getByLabel('Username').fill(OWNER.username);
    await page.getByLabel('Password', { exact: true }).fill(OWNER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // The shops' business day, whatever this machine's clock says it is.
    await page.getByTestId('hq-to').fill(dates.at(-1));
    await page.getByTestId('hq-from').fill(dates[0]);

    const rows = page.getByTestId('hq-shop-figures-row');
    await eventually('both shops in the figures', async () => (await rows.count()) === 2);
    for (const [name, orders] of [
      ['Nord', 2],
      ['Süd', 1],
    ]) {
      const row = page.locator(`[data-testid="hq-shop-figures-row"][data-shop="${name}"]`);
      assert.equal(await row.getByTestId('orders').textContent(), String(orders));
      const revenue = shops[name].sold.totals.reduce((a, b) => a + b, 0);
      assert.equal(await row.getByTestId('revenue').textContent(), euro(revenue));
      assert.equal(await row.getByTestId('tips').textContent(), euro(name === 'Nord' ? 150 : 0));
    }
    assert.equal(await page.getByTestId('kpi-orders').locator('.kpi-value').textContent(), '3');
    // Each chart has a bar per shop: the legend names both.
    for (const chart of ['hq-chart-revenue', 'hq-chart-orders']) {
      const legend = await page.getByTestId(chart).locator('.recharts-legend-item-text').allTextContents();
      assert.deepEqual(legend.sort(), ['Nord', 'Süd'], chart);
      assert.ok((await page.getByTestId(chart).locator('.recharts-bar-rectangle').count()) >= 2, `${chart}: bars drawn`);
    }
    assert.match(await page.getByTestId('hq-chart-items').textContent(), new RegExp(shops.Nord.sold.topItem.slice(0, 10)));
    const methods = await page.getByTestId('hq-methods').textContent();
    assert.ok(methods.includes('Card') && methods.includes('Cash'), methods);
    for (const name of ['Nord', 'Süd']) {
      const shop = page.locator(`[data-testid="hq-shop-row"][data-shop="${name}"]`);
      assert.doesNotMatch(await shop.textContent(), /Never/, `${name} has synced`);
    }
    assert.deepEqual(await axeViolations(page), [], 'axe on the dashboard');
    await screenshotBoth(page, 'hq-dashboard');
    if (DOCS) await page.screenshot({ path: path.join(ROOT, 'docs/hq-dashboard.png') });

    // The days as CSV: a row per shop.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('hq-csv').click()]);
    const csv = readFileSync(await download.path(), 'utf8').trim().split('\n');
    assert.equal(csv[0], 'date,shop_id,shop,orders,revenue,average_ticket,refunds,tips,currency');
    assert.deepEqual(csv.slice(1).map((l) => l.split(',')[2]).sort(), ['Nord', 'Süd']);

    // A phone: nothing sticks out, every tap target is big enough, axe still clean.
    await page.setViewportSize(PHONE);
    await page.waitForTimeout(200); // let the charts measure themselves again (not a server wait)
    assert.deepEqual(await overflowing(page), [], 'nothing sticks out at 390 px');
    assert.deepEqual(await badTargets(page), [], 'tap targets at 390 px');
    assert.deepEqual(await axeViolations(page), [], 'axe on the phone');
    await page.screenshot({ path: path.join(SHOTS, 'hq-dashboard-390.png'), fullPage: true });
    if (DOCS) await page.screenshot({ path: path.join(ROOT, 'docs/phone/hq-dashboard.png'), fullPage: true });
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  // The menu roll-out: import a shop's menu, publish it, see both shops run it.
  it('the owner imports one shop’s menu and publishes it to both', async () => {
    const probe = await apiClient(hq.url).call('GET', '/api/hq/menu', undefined, owner);
    assert.equal(probe.status, 200, 'head office has its master menu');
    const page = await newPage(browser, TABLET);
    // Signed in from the last test? Not in this new context: sign in again.
    await page.goto(`${hq.url}/hq/menu`);
    await page.getByLabel('Username').fill(OWNER.username);
    await page.getByLabel('Password', { exact: true }).fill(OWNER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('menu-import-shop').selectOption({ label: 'Nord' });
    // The shop sends its menu when it syncs: until then head office answers no_shop_menu.
    await eventually('the draft from Nord', async () => {
      await page.getByTestId('menu-import').click();
      return page
        .getByTestId('menu-source')
        .filter({ hasText: 'Nord' })
        .waitFor({ timeout: 1500 })
        .then(() => true, () => false);
    });
    assert.ok((await page.getByTestId('menu-draft-item').count()) > 0, 'the draft lists items');
    await page.getByTestId('menu-publish').click();
    await page.getByTestId('menu-published').filter({ hasText: 'version 1' }).waitFor();
    // Both shops apply it on their next sync.
    await eventually('both shops on version 1', async () => {
      const versions = await page.getByTestId('rollout-version').allTextContents();
      return versions.length === 2 && versions.every((v) => v.trim() === '1');
    });
    assert.deepEqual(await axeViolations(page), [], 'axe on the menu');
    await page.setViewportSize(PHONE);
    await page.waitForTimeout(200);
    assert.deepEqual(await overflowing(page), [], 'menu: nothing sticks out at 390 px');
    assert.deepEqual(await badTargets(page), [], 'menu: tap targets at 390 px');
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  // The same screens in German on a 1920 px board: nothing sticks out, axe is content.
  it('the dashboard and the menu in German on a 1920 px screen', async () => {
    const page = await newPage(browser, { width: 1920, height: 1080 }, 'de-DE');
    await page.goto(`${hq.url}/hq`);
    await page.getByLabel('Benutzername').fill(OWNER.username);
    await page.getByLabel('Passwort', { exact: true }).fill(OWNER.password);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByRole('link', { name: 'Speisekarte' }).first().waitFor();
    await page.waitForTimeout(500);
    assert.deepEqual(await overflowing(page), [], 'dashboard at 1920 px, German');
    assert.deepEqual(await axeViolations(page), [], 'axe on the German dashboard');
    await page.getByRole('link', { name: 'Speisekarte' }).first().click();
    await page.getByTestId('menu-versions').waitFor();
    await page.waitForTimeout(300);
    assert.deepEqual(await overflowing(page), [], 'menu at 1920 px, German');
    assert.deepEqual(await axeViolations(page), [], 'axe on the German menu page');
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});
