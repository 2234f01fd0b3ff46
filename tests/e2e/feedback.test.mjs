// Feedback and the admins' inbox, in real Chromium against the real `crema serve`: a kiosk
// customer rates their paid order; the admin sees the unread notification live in the
// header, approves the feedback on the Feedback page; it appears on the kiosk. The new
// screens are axe clean; the inbox works on a 390 px phone.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { badTargets, overflowing } from './layout.mjs';
import { SHOTS, USERS, VIEWPORTS, addItem, apiClient, axeViolations, launchBrowser, newPage, signIn, startServer } from './harness.mjs';

setTimeout(() => {
  console.error('e2e: global time limit reached');
  process.exit(1);
}, 150_000).unref();

let server, browser, api, adminToken, menu;
const PHONE = { width: 390, height: 844 };

async function pairKiosk(page, name) {
  const r = await api.call('POST', '/api/devices/pairing-codes', { name }, adminToken);
  assert.equal(r.status, 201, JSON.stringify(r.body));
  await page.goto(`${server.url}/pair`);
  await page.getByTestId('pair-code').fill(r.body.code);
  await page.getByTestId('return-after').fill('600');
  await page.getByRole('button', { name: 'Pair', exact: true }).click();
  await page.waitForURL(/\/kiosk$/);
  await page.getByTestId('menu-item').first().waitFor();
}

async function axeClean(page, name) {
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
  assert.deepEqual(await axeViolations(page), [], `axe on ${name}`);
}

describe('feedback and the admins’ inbox', { timeout: 140_000 }, () => {
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

  it('a kiosk customer rates their order, the admin approves it, the kiosk shows it', { timeout: 90_000 }, async () => {
    // The admin's panel is open before anything happens: the count arrives live.
    const admin = await newPage(browser, VIEWPORTS.counter);
    await admin.goto(`${server.url}/admin`);
    await signIn(admin, USERS.admin);
    await admin.getByRole('heading', { name: 'Admin' }).waitFor();
    const bell = admin.getByTestId('inbox-bell');
    assert.equal(await bell.getAttribute('data-unread'), '0');
    assert.equal(await bell.getAttribute('aria-label'), 'Notifications: 0 unread');

    const kiosk = await newPage(browser, VIEWPORTS.tablet);
    await pairKiosk(kiosk, 'Feedback kiosk');
    assert.equal(await kiosk.getByTestId('reviews').count(), 0, 'no reviews yet, no strip');
    const cake = menu.categories.flatMap((c) => c.items).find((i) => i.name === 'Carrot cake');
    await addItem(kiosk, menu, cake);
    await kiosk.getByTestId('place-order').click();
    await kiosk.waitForURL(/\/kiosk\/order\//);
    const orderId = kiosk.url().split('/').pop();
    await kiosk.getByTestId('order-number').waitFor();
    assert.equal(await kiosk.getByTestId('feedback-form').count(), 0, 'no rating before it is paid');

    // Paid at the counter: the kiosk's page follows and offers the rating.
    const cashier = await api.login(USERS.cashier);
    const order = (await api.call('GET', `/api/orders/${orderId}`, undefined, cashier)).body;
    const paid = await api.call('POST', `/api/orders/${orderId}/payments`, { method: 'card', amount: order.total }, cashier);
    assert.equal(paid.status, 200, JSON.stringify(paid.body));
    const form = kiosk.getByTestId('feedback-form');
    await form.waitFor();
    // Stars are a radio group with a label per star.
    // Tapped through its label, as a finger does.
    await kiosk.getByTestId('star-rating').locator('label', { has: kiosk.getByRole('radio', { name: '4 stars' }) }).click();
    assert.equal(await kiosk.getByRole('radio', { name: '4 stars' }).isChecked(), true);
    await kiosk.getByLabel('Comment (optional)').fill('Lovely carrot cake, friendly staff');
    await axeClean(kiosk, 'kiosk-feedback-form-1024x768');
    await kiosk.getByTestId('feedback-send').click();
    await kiosk.getByTestId('feedback-thanks').waitFor();
    assert.equal(await kiosk.getByTestId('feedback-thanks').textContent(), 'Thank you for your feedback!');

    // The admin's bell counts it without a reload; the inbox words it.
    await admin.waitForFunction(() => document.querySelector('[data-testid="inbox-bell"]')?.getAttribute('data-unread') === '1');
    assert.equal(await admin.getByTestId('inbox-count').textContent(), '1');
    await bell.click();
    const item = admin.getByTestId('inbox-item').first();
    await item.waitFor();
    assert.equal(await item.getAttribute('data-kind'), 'feedback_received');
    assert.match(await item.textContent(), new RegExp(`New feedback on order ${order.number}: 4 of 5 stars\\.`));
    await axeClean(admin, 'admin-inbox-1920x1080');
    await admin.getByTestId('inbox-read').click();
    await admin.waitForFunction(() => document.querySelector('[data-testid="inbox-bell"]')?.getAttribute('data-unread') === '0');
    await admin.getByRole('button', { name: 'Done' }).click();

    // Moderation: pending first; approve it.
    await admin.getByRole('tab', { name: 'Feedback' }).click();
    const row = admin.getByTestId('feedback-item').first();
    await row.waitFor();
    assert.equal(await row.getAttribute('data-status'), 'pending');
    assert.match(await row.textContent(), /Lovely carrot cake, friendly staff/);
    await axeClean(admin, 'admin-feedback-1920x1080');
    await row.getByRole('button', { name: `Approve the feedback on order ${order.number}` }).click();
    await admin.waitForFunction(() => document.querySelector('[data-testid="feedback-item"]')?.getAttribute('data-status') === 'approved');
    await admin.locator('.feedback-filters label', { has: admin.getByTestId('feedback-filter-pending') }).click();
    await admin.getByTestId('feedback-none').waitFor();

    // The kiosk's menu shows it (live, from `feedback.public`).
    await kiosk.goto(`${server.url}/kiosk`);
    const review = kiosk.getByTestId('review').first();
    await review.waitFor();
    assert.match(await review.textContent(), /Lovely carrot cake, friendly staff/);
    assert.match(await review.textContent(), /A guest/);
    assert.equal(await review.getByRole('img', { name: '4 of 5 stars' }).count(), 1);
    await axeClean(kiosk, 'kiosk-reviews-1024x768');

    // A second approved review arrives on the open kiosk without a reload.
    const customer = (await api.call('POST', '/api/customers/register', { name: 'Maria Schmidt', email: 'maria@example.com', password: 'maria-pass-1' })).body;
    const mine = await api.call('POST', '/api/orders', { type: 'takeaway', lines: [{ item_id: cake.id, quantity: 1, modifier_option_ids: [] }] }, customer.access_token, { 'Idempotency-Key': 'maria-1' });
    assert.equal(mine.status, 201, JSON.stringify(mine.body));
    await api.call('POST', `/api/orders/${mine.body.id}/payments`, { method: 'card', amount: mine.body.total }, cashier);
    const left = await api.call('POST', `/api/orders/${mine.body.id}/feedback`, { rating: 5, comment: 'Best flat white in town' }, customer.access_token);
    assert.equal(left.status, 201, JSON.stringify(left.body));
    const ok = await api.call('POST', `/api/feedback/${left.body.id}/moderation`, { decision: 'approve' }, adminToken);
    assert.equal(ok.status, 200);
    await kiosk.getByText('Best flat white in town').waitFor();
    assert.match(await kiosk.getByTestId('review').first().textContent(), /Maria ·/, 'a first name only');
    assert.deepEqual(kiosk.errors, []);
    assert.deepEqual(admin.errors, []);
  });

  it('the inbox works on a 390×844 phone, in German too', { timeout: 40_000 }, async () => {
    const phone = await newPage(browser, PHONE, 'de-DE');
    await phone.goto(`${server.url}/admin`);
    await signIn(phone, USERS.admin, 'de');
    await phone.getByTestId('inbox-bell').waitFor();
    // The second feedback of the first test is still unread.
    await phone.waitForFunction(() => Number(document.querySelector('[data-testid="inbox-bell"]')?.getAttribute('data-unread')) >= 1);
    await phone.getByTestId('inbox-bell').click();
    await phone.getByTestId('inbox-item').first().waitFor();
    assert.match(await phone.getByTestId('inbox-list').textContent(), /Neue Bewertung zu Bestellung \d+: 5 von 5 Sternen\./);
    assert.deepEqual(await badTargets(phone), [], 'tap targets in the inbox');
    assert.deepEqual(await overflowing(phone), [], 'overflow in the inbox');
    await axeClean(phone, 'admin-inbox-de-390x844');
    await phone.getByTestId('inbox-read-all').click();
    await phone.waitForFunction(() => document.querySelector('[data-testid="inbox-bell"]')?.getAttribute('data-unread') === '0');
    assert.equal(await phone.getByTestId('inbox-count').count(), 0);
    await phone.getByRole('button', { name: 'Fertig' }).click();
    // The moderation page fits the phone as well.
    await phone.goto(`${server.url}/admin?tab=feedback`);
    await phone.getByTestId('feedback-item').first().waitFor();
    assert.deepEqual(await badTargets(phone), [], 'tap targets on the feedback page');
    assert.deepEqual(await overflowing(phone), [], 'overflow on the feedback page');
    await axeClean(phone, 'admin-feedback-de-390x844');
    assert.deepEqual(phone.errors, []);
  });
});
