// The kitchen board as cooks read it, in real Chromium against the real `crema serve`:
// text that grows with the screen, only the options that differ from the defaults, notes
// that stand out; a ticket moved on too early goes back a stage.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { USERS, VIEWPORTS, apiClient, axeViolations, launchBrowser, newPage, screenshotBoth, signIn, startServer } from './harness.mjs';
import { overflowing } from './layout.mjs';

setTimeout(() => {
  console.error('e2e: global time limit reached');
  process.exit(1);
}, 90_000).unref();

let server, browser, api;

describe('the kitchen board as cooks read it', { timeout: 80_000 }, () => {
  before(async () => {
    server = await startServer();
    api = apiClient(server.url);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows only changed options, emphasises notes and scales its text with the screen', { timeout: 40_000 }, async () => {
    const menu = (await api.call('GET', '/api/menu')).body;
    const item = menu.categories.flatMap((c) => c.items).find((i) => i.available && i.modifier_groups.filter((g) => g.min === 1 && g.max === 1).length >= 2);
    const required = item.modifier_groups.filter((g) => g.min === 1 && g.max === 1);
    const [first, second] = required;
    const optional = item.modifier_groups.find((g) => g.min === 0);
    // The first group left at its default (Regular), the second changed (Oat milk), an extra.
    const chosen = [first.options[0], second.options[1], ...(optional ? [optional.options[0]] : [])];
    const token = await api.login(USERS.cashier);
    const r = await api.call(
      'POST',
      '/api/orders',
      { type: 'takeaway', lines: [{ item_id: item.id, quantity: 1, modifier_option_ids: chosen.map((o) => o.id), note: 'no foam, extra hot' }] },
      token,
    );
    assert.equal(r.status, 201, JSON.stringify(r.body));

    const board = await newPage(browser, VIEWPORTS.counter);
    await board.goto(`${server.url}/kitchen`);
    await signIn(board, USERS.kitchen);
    const ticket = board.locator(`[data-testid="ticket"][data-number="${r.body.number}"]`);
    await ticket.waitFor();
    const mods = ticket.locator('.ticket-mods');
    await mods.getByText(second.options[1].name).waitFor();
    const modsText = await mods.textContent();
    assert.doesNotMatch(modsText, new RegExp(`\\b${first.options[0].name}\\b`), `the default "${first.options[0].name}" is left out: ${modsText}`);
    if (optional) assert.match(modsText, new RegExp(optional.options[0].name));

    // The note stands out: bold, on a coloured background, not italic.
    const note = ticket.locator('.ticket-note');
    assert.match(await note.textContent(), /no foam, extra hot/);
    const style = await note.evaluate((e) => {
      const s = getComputedStyle(e);
      return { weight: Number(s.fontWeight), italic: s.fontStyle === 'italic', bg: s.backgroundColor };
    });
    assert.ok(style.weight >= 700 && !style.italic && style.bg !== 'rgba(0, 0, 0, 0)', `the note is emphasised: ${JSON.stringify(style)}`);

    // Text grows steadily with the screen; on a 1920 px board it reads from two metres.
    const sizes = {};
    for (const width of [1024, 1440, 1920]) {
      await board.setViewportSize({ width, height: Math.round((width * 9) / 16) });
      sizes[width] = await ticket.evaluate((e) => {
        const px = (sel) => parseFloat(getComputedStyle(e.querySelector(sel)).fontSize);
        return { line: px('.ticket-lines'), mods: px('.ticket-mods'), number: px('.ticket-number') };
      });
      assert.deepEqual(await overflowing(board), [], `nothing overflows at ${width} px`);
    }
    for (const k of ['line', 'mods', 'number']) {
      assert.ok(sizes[1024][k] < sizes[1440][k] && sizes[1440][k] < sizes[1920][k], `${k} grows with the width: ${JSON.stringify(sizes)}`);
    }
    assert.ok(sizes[1920].line >= 30 && sizes[1920].mods >= 24, `big enough at 1920 px: ${JSON.stringify(sizes[1920])}`);
    await board.setViewportSize(VIEWPORTS.counter);
    await screenshotBoth(board, 'board-scaled');
    assert.deepEqual(await axeViolations(board), []);
    assert.deepEqual(board.errors, []);
  });

  it('a ticket moved on too early goes back a stage', { timeout: 30_000 }, async () => {
    const menu = (await api.call('GET', '/api/menu')).body;
    const item = menu.categories.flatMap((c) => c.items).find((i) => i.available && i.modifier_groups.length === 0);
    const token = await api.login(USERS.cashier);
    const r = await api.call('POST', '/api/orders', { type: 'takeaway', lines: [{ item_id: item.id, quantity: 1 }] }, token);
    assert.equal(r.status, 201, JSON.stringify(r.body));
    const board = await newPage(browser, VIEWPORTS.tablet);
    await board.goto(`${server.url}/kitchen`);
    await signIn(board, USERS.kitchen);
    const inCol = (col) => board.getByTestId(`col-${col}`).locator(`[data-testid="ticket"][data-number="${r.body.number}"]`);
    await inCol('placed').click();
    await inCol('in_progress').click();
    await inCol('ready').waitFor();
    // Ready too early: back to "In progress", then to "New".
    await board.getByRole('button', { name: `Order ${r.body.number}: back to In progress` }).click();
    await inCol('in_progress').waitFor();
    assert.equal((await api.call('GET', `/api/orders/${r.body.id}`, undefined, token)).body.status, 'in_progress');
    await board.getByRole('button', { name: `Order ${r.body.number}: back to New` }).click();
    await inCol('placed').waitFor();
    assert.equal(await board.getByTestId('col-placed').getByTestId('ticket-back').count(), 0, 'nothing before New');
    assert.deepEqual(await axeViolations(board), []);
    assert.deepEqual(board.errors, []);
  });

  it('marks unpaid phone orders, and keeps them off the board until paid where the shop says so', { timeout: 30_000 }, async () => {
    const menu = (await api.call('GET', '/api/menu')).body;
    const item = menu.categories.flatMap((c) => c.items).find((i) => i.available && i.modifier_groups.length === 0);
    const reg = await api.call('POST', '/api/customers/register', { name: 'Pia', email: 'pia@example.com', password: 'a-long-password-1' });
    assert.equal(reg.status, 201, JSON.stringify(reg.body));
    const place = async (key) => {
      const r = await api.call('POST', '/api/orders', { type: 'takeaway', lines: [{ item_id: item.id, quantity: 1 }] }, reg.body.access_token, { 'Idempotency-Key': key });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      return r.body;
    };
    const first = await place('phone-1');
    const board = await newPage(browser, VIEWPORTS.tablet);
    await board.goto(`${server.url}/kitchen`);
    await signIn(board, USERS.kitchen);
    const ticket = (o) => board.locator(`[data-testid="ticket"][data-number="${o.number}"]`);
    await ticket(first).getByTestId('ticket-unpaid').getByText('Not paid').waitFor();
    await board.locator('[data-testid="stream-status"][data-status="online"]').waitFor();

    // The shop waits for payment: unpaid phone orders leave the board until paid.
    const admin = await api.login(USERS.admin);
    const s = (await api.call('GET', '/api/settings')).body;
    assert.equal((await api.call('PUT', '/api/settings', { ...s, kitchen_gets_unpaid_orders: false }, admin)).status, 200);
    await ticket(first).waitFor({ state: 'detached' });
    const second = await place('phone-2');
    const cashier = await api.login(USERS.cashier);
    const paid = await api.call('POST', `/api/orders/${second.id}/payments`, { method: 'card', amount: second.total }, cashier);
    assert.ok(paid.status < 300, JSON.stringify(paid.body));
    await ticket(second).waitFor();
    assert.equal(await ticket(second).getByTestId('ticket-unpaid').count(), 0, 'paid: no mark');
    assert.equal(await ticket(first).count(), 0, 'the unpaid one is still held back');
    assert.deepEqual(board.errors, []);
  });
});
