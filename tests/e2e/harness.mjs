// Shared pieces of the browser tests: the real `crema serve` over a temp data dir,
// Debian's Chromium through playwright-core, axe-core checks and screenshots.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// The e2e tests use the frontend's node_modules (playwright-core, axe-core).
const require = createRequire(path.join(ROOT, 'frontend/package.json'));
const { chromium } = require('playwright-core');
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Cargo's target dir: `CARGO_TARGET_DIR` (relative to the repository) or `target/`. */
export const TARGET = path.resolve(ROOT, process.env.CARGO_TARGET_DIR ?? 'target');
export const CREMA_BIN = process.env.E2E_CREMA_BIN ?? path.join(TARGET, 'debug/crema');
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const SHOTS = process.env.E2E_OUT ?? path.join(tmpdir(), 'crema-e2e-shots');
export const VIEWPORTS = { tablet: { width: 1024, height: 768 }, counter: { width: 1920, height: 1080 } };

export const USERS = {
  admin: { username: 'admin', password: 'crema-admin', role: 'admin' },
  cashier: { username: 'cashier', password: 'crema-cashier', role: 'cashier' },
  kitchen: { username: 'kitchen', password: 'crema-kitchen', role: 'kitchen' },
};
export const CASHIER_PIN = '123456';

function run(args, input) {
  const r = spawnSync(CREMA_BIN, args, { input, encoding: 'utf8', timeout: 30_000, env: serverEnv({}) });
  if (r.status !== 0) throw new Error(`crema ${args.join(' ')} failed: ${r.stderr || r.error}`);
  return r.stdout;
}

/** Runs `crema ARGS…` (with `input` on stdin) to success: its standard output. */
export const cremaCli = run;

/**
 * The server's environment: this process's without `CREMA_*` (crema reads those as its
 * configuration: a stray one in the shell would stop it), plus `extra` (e.g. `CREMA_PIN_MAX_FAILURES`).
 */
export function serverEnv(extra) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('CREMA_')));
  return { ...env, CREMA_LOG: process.env.CREMA_LOG ?? 'warn', ...extra };
}

/**
 * Demo café + staff in a fresh temp dir, then `crema serve` on port 0; resolves once it prints its address.
 * `prepare(dir)` runs just before it is served (e.g. to write crema.toml or enrol the shop).
 */
export async function startServer({ env = {}, prepare } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'crema-e2e-'));
  run(['--data-dir', dir, 'demo']);
  for (const u of Object.values(USERS)) {
    run(['--data-dir', dir, 'user', 'add', u.username, '--role', u.role, '--password-stdin'], `${u.password}\n`);
  }
  run(['--data-dir', dir, 'user', 'add', 'counter', '--role', 'cashier', '--pin-stdin'], `${CASHIER_PIN}\n`);
  prepare?.(dir);
  const child = spawn(
    CREMA_BIN,
    ['--data-dir', dir, 'serve', '--bind', '127.0.0.1:0', '--rate-limit-per-minute', '100000', '--auth-rate-limit-per-minute', '100000'],
    { stdio: ['ignore', 'pipe', 'pipe'], env: serverEnv(env) },
  );
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`crema serve did not start in 20 s: ${stderr}`)), 20_000);
    child.on('exit', (code) => reject(new Error(`crema serve exited (${code}): ${stderr}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const m = /listening on (http:\/\/\S+)/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
  });
  return {
    url,
    dir,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A tiny JSON client for arranging and checking state behind the browser's back. */
export function apiClient(base) {
  async function call(method, p, body, token, headers = {}) {
    const res = await fetch(base + p, {
      method,
      headers: {
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }
  return {
    call,
    async login(u) {
      const r = await call('POST', '/api/auth/login', { username: u.username, password: u.password });
      if (r.status !== 200) throw new Error(`login ${u.username}: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body.access_token;
    },
  };
}

/** Debian's Chromium, headless; `extraArgs` e.g. a host-resolver rule to reach the server by a LAN name. */
export async function launchBrowser(extraArgs = []) {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', ...extraArgs],
    timeout: 30_000,
  });
}

export async function newPage(browser, viewport = VIEWPORTS.tablet, locale = 'en-GB') {
  const context = await browser.newContext({ viewport, locale });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // Whatever the server's Content-Security-Policy blocks is an error too.
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content.Security.Policy/i.test(m.text())) errors.push(m.text());
  });
  page.errors = errors;
  return page;
}

/** axe-core on the current screen: the serious and critical violations. */
export async function axeViolations(page) {
  // Evaluated through the DevTools protocol, which the page's CSP (no inline
  // scripts) does not stop, unlike an added <script> tag.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(`${AXE_SOURCE}\n;0`);
  const results = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  return results.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Screenshots the page at both sizes (back to the first size afterwards). */
export async function screenshotBoth(page, name) {
  mkdirSync(SHOTS, { recursive: true });
  const original = page.viewportSize();
  for (const [label, vp] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(vp);
    await page.waitForTimeout(150); // let layout settle after the resize (not a server wait)
    await page.screenshot({ path: path.join(SHOTS, `${name}-${vp.width}x${vp.height}.png`) });
    void label;
  }
  if (original) await page.setViewportSize(original);
}

const SIGN_IN = {
  en: { username: 'Username', password: 'Password', submit: 'Sign in' },
  de: { username: 'Benutzername', password: 'Passwort', submit: 'Anmelden' },
};

/**
 * Signs in with username and password, on a page in `lang` (on this machine the page opens
 * on the PIN pad: the tab is chosen first).
 */
export async function signIn(page, user, lang = 'en') {
  const words = SIGN_IN[lang];
  await page.getByTestId('login-tab-password').click();
  await page.getByLabel(words.username).fill(user.username);
  await page.getByLabel(words.password, { exact: true }).fill(user.password);
  await page.getByRole('button', { name: words.submit }).click();
}

/**
 * Opens the item's category and adds it, accepting the modifier dialog's defaults when it
 * has options (an item the screen adds at once, `data-quick-add`, opens no dialog).
 */
export async function addItem(page, menu, item) {
  const category = menu.categories.find((c) => c.items.some((i) => i.id === item.id));
  await page.getByRole('tab', { name: category.name, exact: true }).click();
  const card = page.locator(`[data-item-id="${item.id}"]`);
  const quick = (await card.getAttribute('data-quick-add')) === 'true';
  await card.click();
  if (item.modifier_groups.length > 0 && !quick) await page.getByTestId('modifier-add').click();
}
