// PIN sign-in as a LAN attacker meets it, in real Chromium against the real `crema serve`:
// a tablet that reaches the server by a LAN name is refused a PIN and turned to the password;
// paired by an admin as a staff terminal, it takes PINs; wrong PINs lock it, the open admin
// panel says so at once, and the audit log has it (also on a phone).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CASHIER_PIN, USERS, VIEWPORTS, axeViolations, launchBrowser, newPage, screenshotBoth, signIn, startServer } from './harness.mjs';

setTimeout(() => {
  console.error('e2e security: global time limit reached');
  process.exit(1);
}, 150_000).unref();

let server, lanBrowser, localBrowser, admin, lanUrl;

/** Types a PIN on the pad and signs in; resolves with the server's answer once the pad is ready again. */
async function enterPin(page, pin) {
  for (const d of pin) await page.getByTestId(`pin-key-${d}`).click();
  const answer = page.waitForResponse((r) => r.url().endsWith('/api/auth/pin'));
  await page.getByTestId('pin-submit').click();
  const r = await answer;
  if (r.status() !== 200) await page.waitForFunction(() => !document.querySelector('.pin-dot.on'));
  return r.status();
}

describe('PIN sign-in on the shop network', { timeout: 140_000 }, () => {
  before(async () => {
    server = await startServer({ env: { CREMA_PIN_MAX_FAILURES: '3' } });
    // The tablet reaches the server as `crema.test`: not this machine, as a LAN device would.
    lanBrowser = await launchBrowser(['--host-resolver-rules=MAP crema.test 127.0.0.1']);
    lanUrl = server.url.replace('127.0.0.1', 'crema.test');
    localBrowser = await launchBrowser();
    admin = await newPage(localBrowser, VIEWPORTS.tablet);
    await admin.goto(`${server.url}/admin?tab=devices`);
    await signIn(admin, USERS.admin);
    await admin.getByRole('heading', { name: 'Tablets and devices' }).waitFor();
    await admin.locator('[data-testid="stream-status"][data-status="online"]').waitFor();
  });
  after(async () => {
    await lanBrowser?.close();
    await localBrowser?.close();
    await server?.stop();
  });

  it('refuses a PIN from the LAN, pairs a staff terminal that takes PINs, and tells the admin of a lockout', { timeout: 120_000 }, async () => {
    const tablet = await newPage(lanBrowser, VIEWPORTS.tablet);
    await tablet.goto(`${lanUrl}/login`);
    await tablet.getByTestId('login-tab-pin').click();
    assert.equal(await enterPin(tablet, CASHIER_PIN), 403);
    const refused = tablet.getByTestId('login-error');
    await refused.waitFor();
    assert.match(await refused.innerText(), /only at the counter PC and on staff terminals/);
    assert.equal(await tablet.getByTestId('login-tab-password').getAttribute('aria-selected'), 'true', 'turned to the password');

    // The admin pairs it as a staff terminal.
    await admin.getByLabel('New device name').fill('Till 2');
    await admin.getByTestId('device-kind-terminal').check();
    await admin.getByRole('button', { name: 'Create pairing code' }).click();
    await admin.getByText('Pairing code for the staff terminal Till 2:').waitFor();
    const code = (await admin.getByTestId('pairing-code').innerText()).trim();

    await tablet.getByTestId('pair-terminal').click();
    await tablet.getByTestId('pair-code').fill(code);
    await tablet.getByRole('button', { name: 'Pair', exact: true }).click();
    await tablet.waitForURL(/\/login\?paired=terminal$/);
    await tablet.getByTestId('terminal-note').waitFor();
    assert.equal(await tablet.getByTestId('login-tab-pin').getAttribute('aria-selected'), 'true', 'a terminal starts on the PIN pad');
    await admin.locator('[data-testid="device"][data-kind="terminal"]', { hasText: 'Till 2' }).waitFor();

    await enterPin(tablet, CASHIER_PIN);
    await tablet.waitForURL(/\/counter$/);
    await tablet.getByTestId('menu-item').first().waitFor();
    // Who is signed in at this till, by name and in sight (a PIN names nobody by itself).
    await tablet.getByTestId('who').getByText('counter', { exact: true }).waitFor();

    // Signed out, the tablet is still a terminal; three wrong PINs lock it.
    await tablet.getByRole('button', { name: 'Sign out' }).click();
    await tablet.getByTestId('terminal-note').waitFor();
    for (let i = 0; i < 3; i++) assert.equal(await enterPin(tablet, '000000'), 401);
    assert.equal(await enterPin(tablet, CASHIER_PIN), 429, 'locked, even for the right PIN');
    await tablet.getByText(/Too many wrong attempts\. Try again in 5 minutes\./).waitFor();

    // The open admin panel is told at once, and the audit log has it.
    await admin.getByText(/PIN sign-in on Till 2 is locked for 5 minutes/).waitFor();
    await admin.getByRole('tab', { name: 'Audit log', exact: true }).click();
    const locked = admin.locator('[data-testid="audit-entry"][data-action="device_locked"]');
    await locked.waitFor();
    assert.match(await locked.innerText(), /PIN sign-in locked on Till 2/);
    await admin.locator('[data-testid="audit-entry"][data-action="device_paired"]', { hasText: 'Till 2 paired' }).waitFor();
    assert.deepEqual(await axeViolations(admin), []);
    await screenshotBoth(admin, 'admin-audit');
    await admin.setViewportSize({ width: 390, height: 844 });
    const overflow = await admin.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the audit log fits a phone (overflow ${overflow}px)`);
    assert.deepEqual(tablet.errors, []);
    assert.deepEqual(admin.errors, []);
  });
});
