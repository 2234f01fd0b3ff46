// Tap-to-cart and place-to-number at the counter, in Chromium against a
// running `crema serve` (started by bench-load). Usage:
//   node benches/browser/till.mjs URL USERNAME PASSWORD ORDERS
// For every order: a tap on a plain item until the cart shows it, a tap on
// "Place & pay" until the payment dialog shows the order's number, then cash
// (the exact amount) and "Confirm" until the paid screen shows the number.
// Each time runs from the tap's `pointerdown` (the event's own timestamp, so
// the driver's round trips are not in it) to the first animation frame after
// the DOM shows the result, measured in the page. Ten orders before are not
// counted (warm-up). Prints one line: BENCHJSON {"tap":…,"place":…,"pay":…}.
import { launchBrowser, newPage, signIn, VIEWPORTS } from '../../tests/e2e/harness.mjs';

const [url, username, password, ordersArg] = process.argv.slice(2);
const ORDERS = Number(ordersArg ?? 200);
const WARM = 10;

// Installed in the page: `arm(kind, arg)` starts waiting for the next
// pointerdown and then for the result; `result()` resolves to the ms between.
const PROBE = `window.__till = {
  arm(kind, arg) {
    const cond = {
      cart: () => document.querySelector('.ordering-cart h2 .count')?.textContent === '(' + arg + ')',
      number: () => !!document.querySelector('[data-testid="payment-order-number"]'),
      paid: () => !!document.querySelector('[data-testid="paid-order-number"]'),
    }[kind];
    this.pending = new Promise((resolve, reject) => {
      let start = null;
      const timer = setTimeout(() => { obs.disconnect(); reject(new Error('no ' + kind + ' in 10 s')); }, 10000);
      const check = () => {
        if (start === null || !cond()) return;
        obs.disconnect();
        clearTimeout(timer);
        requestAnimationFrame(() => resolve(performance.now() - start));
      };
      const obs = new MutationObserver(check);
      addEventListener('pointerdown', (e) => { start = e.timeStamp; queueMicrotask(check); }, { capture: true, once: true });
      obs.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
    });
  },
  result() { return this.pending; },
};`;

function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p) => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
  return { n: s.length, p50_ms: at(50), p90_ms: at(90), p99_ms: at(99), max_ms: s[s.length - 1] };
}

async function main() {
  const menu = await (await fetch(`${url}/api/menu`)).json();
  const items = menu.categories.flatMap((c) => c.items.map((i) => ({ ...i, category: c })));
  // An item a tap puts straight in the cart (no required choice).
  const item = items.find((i) => i.available && i.modifier_groups.every((g) => g.min === 0));
  if (!item) throw new Error('no item without a required choice on the menu');

  const browser = await launchBrowser();
  const page = await newPage(browser, VIEWPORTS.counter);
  await page.goto(`${url}/counter`);
  await signIn(page, { username, password });
  await page.getByTestId('category-tab').first().waitFor();
  await page.evaluate(PROBE);
  await page.getByRole('tab', { name: item.category.name, exact: true }).click();
  const card = page.locator(`[data-item-id="${item.id}"]`);

  const tap = [];
  const place = [];
  const pay = [];
  for (let n = 0; n < WARM + ORDERS; n++) {
    await page.evaluate(() => window.__till.arm('cart', 1));
    await card.click();
    const tTap = await page.evaluate(() => window.__till.result());

    await page.evaluate(() => window.__till.arm('number'));
    await page.getByTestId('place-order').click();
    const tPlace = await page.evaluate(() => window.__till.result());

    const due = await page.getByTestId('remaining').getAttribute('data-amount');
    await page.locator(`[data-testid^="quick-cash-"][data-amount="${due}"]`).click();
    await page.evaluate(() => window.__till.arm('paid'));
    await page.getByTestId('confirm-payment').click();
    const tPay = await page.evaluate(() => window.__till.result());
    await page.getByTestId('payment-done').click();
    await page.getByTestId('paid').waitFor({ state: 'detached' });
    if (n >= WARM) {
      tap.push(tTap);
      place.push(tPlace);
      pay.push(tPay);
    }
  }
  if (page.errors.length) throw new Error(`page errors: ${page.errors.join('; ')}`);
  await browser.close();
  console.log(`BENCHJSON ${JSON.stringify({ orders: ORDERS, tap: stats(tap), place: stats(place), pay: stats(pay) })}`);
}

main().catch((e) => {
  console.error(`till bench failed: ${e.stack ?? e}`);
  process.exit(1);
});
