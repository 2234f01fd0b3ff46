// Every screen staff open (and the kiosk and pairing pages), in English and in German, on a 390×844 phone, a 1024×768 tablet and
// a 1920×1080 board, in real Chromium against the real `crema serve` with a day's orders:
// no element sticks out of its parent or the page, and on the phone every tappable element
// is at least 44 px and inside the screen. `E2E_DOCS=1` also saves the phone views to docs/.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ROOT, USERS, apiClient, launchBrowser, newPage, signIn, startServer } from './harness.mjs';
import { badTargets, overflowing } from './layout.mjs';

setTimeout(() => {
  console.error('e2e: global time limit reached');
  process.exit(1);
}, 170_000).unref();

const SIZES = [
  { width: 390, height: 844 },
  { width: 1024, height: 768 },
  { width: 1920, height: 1080 },
];
const ADMIN_TABS = ['menu', 'modifiers', 'coupons', 'staff', 'customers', 'devices', 'feedback', 'printer', 'settings', 'audit'];
const DOCS = process.env.E2E_DOCS === '1';

let server, browser, api;

/** A day's orders: with options and a note, paid, in progress, ready and handed over. */
async function seedOrders() {
  const token = await api.login(USERS.cashier);
  const menu = (await api.call('GET', '/api/menu')).body;
  const items = menu.categories.flatMap((c) => c.items).filter((i) => i.available);
  const withOptions = items.find((i) => i.modifier_groups.some((g) => g.options.length > 1));
  const options = withOptions.modifier_groups.flatMap((g) => (g.min > 0 || g.max > 0 ? [g.options.at(-1).id] : []));
  const plain = items.filter((i) => i.modifier_groups.every((g) => g.min === 0));
  const moves = [[], ['in_progress'], ['in_progress', 'ready'], ['in_progress', 'ready', 'completed']];
  for (const [n, steps] of moves.entries()) {
    const lines = [
      { item_id: withOptions.id, quantity: 1 + n, modifier_option_ids: options, note: n === 1 ? 'extra hot, no lid please' : undefined },
      { item_id: plain[n % plain.length].id, quantity: 2 },
    ];
    const r = await api.call('POST', '/api/orders', { lines, type: n % 2 ? 'dine_in' : 'takeaway', ...(n % 2 ? { table: `${n + 10}` } : {}) }, token);
    assert.equal(r.status, 201, JSON.stringify(r.body));
    if (n % 2 === 0) {
      const p = await api.call('POST', `/api/orders/${r.body.id}/payments`, { method: 'card', amount: r.body.total }, token);
      assert.equal(p.status, 200, JSON.stringify(p.body));
    }
    for (const status of steps) {
      const s = await api.call('POST', `/api/orders/${r.body.id}/status`, { status }, token);
      assert.equal(s.status, 200, JSON.stringify(s.body));
    }
  }
}

/** The screens an admin can open, each with what shows it is ready. */
function screens() {
  return [
    { name: 'counter', url: '/counter', ready: '[data-testid="place-order"]' },
    { name: 'counter-orders', url: '/counter', tab: 'orders-tab', ready: '[data-testid="order-row"]' },
    { name: 'counter-history', url: '/counter', tab: 'history-tab', ready: '[data-testid="history-row"], [data-testid="history-search"]' },
    { name: 'kitchen', url: '/kitchen', ready: '[data-testid="ticket"]' },
    ...ADMIN_TABS.map((tab) => ({ name: `admin-${tab}`, url: `/admin?tab=${tab}`, ready: '#admin-section > *' })),
    { name: 'reports', url: '/reports', ready: 'h1, h2' },
    { name: 'z-report', url: '/reports/z', ready: 'h1, h2' },
    { name: 'account', url: '/account', ready: 'h1, h2' },
    { name: 'kiosk', url: '/kiosk', ready: '[data-testid="menu-item"]' },
    { name: 'pair', url: '/pair', ready: '[data-testid="pair-code"]' },
  ];
}

async function walk(locale, lang) {
  const page = await newPage(browser, SIZES[0], locale);
  await page.goto(`${server.url}/login`);
  await signIn(page, USERS.admin, lang);
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  const problems = [];
  for (const s of screens()) {
    await page.goto(`${server.url}${s.url}`);
    if (s.tab) await page.getByTestId(s.tab).click();
    await page.locator(s.ready).first().waitFor().catch((e) => assert.fail(`${s.name}: ${e.message}`));
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.waitForTimeout(100); // layout settles after the resize (no server wait)
      const where = `${s.name} (${lang}, ${size.width}×${size.height})`;
      for (const o of await overflowing(page)) problems.push(`${where}: ${o}`);
      if (size.width === 390) {
        for (const b of await badTargets(page)) problems.push(`${where}: ${b}`);
        if (DOCS && lang === 'en') {
          mkdirSync(path.join(ROOT, 'docs/phone'), { recursive: true });
          await page.screenshot({ path: path.join(ROOT, `docs/phone/${s.name}.png`) });
        }
      }
    }
    await page.setViewportSize(SIZES[0]);
  }
  if (process.env.E2E_WALK_OUT) (await import('node:fs')).writeFileSync(`${process.env.E2E_WALK_OUT}-${lang}.txt`, problems.join('\n'));
  assert.deepEqual(page.errors, [], `no script errors (${lang})`);
  await page.context().close();
  return problems;
}

describe('every staff screen fits, in both languages', { timeout: 160_000 }, () => {
  before(async () => {
    server = await startServer();
    api = apiClient(server.url);
    await seedOrders();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('in English', { timeout: 75_000 }, async () => {
    assert.deepEqual(await walk('en-GB', 'en'), []);
  });

  it('in German', { timeout: 75_000 }, async () => {
    assert.deepEqual(await walk('de-DE', 'de'), []);
  });
});
