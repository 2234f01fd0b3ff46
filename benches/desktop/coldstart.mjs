// Cold start of the counter app: process start -> the counter screen accepts
// a tap, over a store made by bench-seed (demo menu, 10 000 past orders).
// Run under Xvfb by bench-load:
//   node benches/desktop/coldstart.mjs APP DATA_DIR PIN LAUNCHES
// Launch 0 signs the cashier in with the PIN (the session is kept, as on the
// café's PC) and is not counted; each launch after it starts the app again,
// which opens on the counter. The start is the app process's start time
// (/proc/PID/stat, 10 ms ticks); the end is the `crema:till-ready` mark the
// counter sets once its menu is on screen with its handlers (read through
// WebDriver, so polling does not add to it). Each launch then taps an item
// and checks the cart shows it. Prints: BENCHJSON {"launches":[ms…],…}
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { WebDriver } from '../../tests/desktop/webdriver.mjs';

const [app, dataDir, pin, launchesArg] = process.argv.slice(2);
const LAUNCHES = Number(launchesArg ?? 5);
// The webview's own storage (the kept session), apart from the user's.
const home = mkdtempSync(path.join(tmpdir(), 'crema-coldstart-home-'));

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

const TICK_MS = 10; // USER_HZ 100: /proc times are in 10 ms ticks

/** The children of `pid`, and theirs. */
function descendants(pid) {
  const kids = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!kids.has(ppid)) kids.set(ppid, []);
      kids.get(ppid).push(Number(d));
    } catch {
      // gone
    }
  }
  const out = [];
  const walk = (p) => {
    for (const k of kids.get(p) ?? []) {
      out.push(k);
      walk(k);
    }
  };
  walk(pid);
  return out;
}

function comm(pid) {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

/** When `pid` started, in ms since the epoch (±10 ms). */
function startedAt(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const startTicks = Number(fields[19]);
  const uptimeMs = Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]) * 1000;
  return Date.now() - (uptimeMs - startTicks * TICK_MS);
}

async function waitFor(what, probe, timeoutMs = 30_000, everyMs = 100) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const v = await probe().catch(() => null);
    if (v) return v;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function launch() {
  const port = await freePort();
  const nativePort = await freePort();
  const driver = spawn('tauri-driver', ['--port', String(port), '--native-port', String(nativePort)], {
    env: {
      ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('CREMA_'))),
      HOME: home,
      XDG_DATA_HOME: path.join(home, 'data'),
      XDG_CACHE_HOME: path.join(home, 'cache'),
      XDG_CONFIG_HOME: path.join(home, 'config'),
      CREMA_DATA_DIR: dataDir,
      CREMA_BIND: '127.0.0.1:0',
      CREMA_LOG: 'warn',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  driver.stderr.on('data', (d) => (log += d));
  const base = `http://127.0.0.1:${port}`;
  await waitFor('tauri-driver', async () => (await fetch(`${base}/status`)).ok, 20_000, 50);
  const wd = await WebDriver.session(base, { 'tauri:options': { application: app } });
  const name = path.basename(app).slice(0, 15);
  const pid = await waitFor('the app process', async () => descendants(driver.pid).find((p) => comm(p) === name), 10_000, 20);
  const started = startedAt(pid);
  return {
    wd,
    started,
    async close() {
      await wd.quit();
      // The next launch starts only once this app has gone.
      await waitFor('the app to exit', async () => !descendants(driver.pid).includes(pid), 20_000, 50).catch(() => {});
      driver.kill('SIGTERM');
      await new Promise((r) => (driver.exitCode === null ? driver.once('exit', r) : r()));
    },
    log: () => log,
  };
}

// The mark, and where the page's own time began (its navigation start): the
// part before is the process (Rust set-up, the window, WebKit's processes),
// the part after the page (script, first data, first render).
const READY =
  "const m = performance.getEntriesByName('crema:till-ready')[0]; return m ? [performance.timeOrigin + m.startTime, performance.timeOrigin] : null;";

async function signIn(wd) {
  await wd.click('a[href="/counter"]', { timeoutMs: 60_000 });
  await wd.find('[data-testid="pin-key-1"], [data-testid="login-tab-pin"]', { timeoutMs: 30_000 });
  if ((await wd.findAll('[data-testid="pin-key-1"]')).length === 0) await wd.click('[data-testid="login-tab-pin"]');
  for (const d of pin) await wd.click(`[data-testid="pin-key-${d}"]`);
  await wd.click('[data-testid="pin-submit"]');
  await wd.find('[data-testid="category-tab"]', { timeoutMs: 30_000 });
}

async function main() {
  const first = await launch();
  try {
    await signIn(first.wd);
  } finally {
    await first.close();
  }
  const launches = [];
  const native = [];
  for (let i = 0; i < LAUNCHES; i++) {
    const run = await launch();
    try {
      const [ready, pageStart] = await waitFor('crema:till-ready', () => run.wd.exec(READY), 60_000);
      launches.push(Math.round(ready - run.started));
      native.push(Math.round(pageStart - run.started));
      // The till takes the tap: an item goes into the cart.
      await run.wd.click('[data-testid="menu-item"]:not([disabled])');
      // An item with a required choice opens its dialog first (defaults chosen).
      await run.wd.waitFor('the cart or the choices', async () => (await run.wd.findAll('[data-testid="cart-line"], [data-testid="modifier-add"]')).length > 0, 10_000);
      if ((await run.wd.findAll('[data-testid="modifier-add"]')).length > 0) await run.wd.click('[data-testid="modifier-add"]');
      await run.wd.waitFor('the cart to show the item', async () => (await run.wd.findAll('[data-testid="cart-line"]')).length === 1, 10_000);
    } catch (e) {
      throw new Error(`launch ${i + 1}: ${e.message}\n${run.log()}`);
    } finally {
      await run.close();
    }
  }
  rmSync(home, { recursive: true, force: true });
  const sorted = [...launches].sort((a, b) => a - b);
  console.log(
    `BENCHJSON ${JSON.stringify({ launches, to_page_ms: native, median_ms: sorted[Math.floor(sorted.length / 2)], worst_ms: sorted[sorted.length - 1] })}`,
  );
}

main().catch((e) => {
  console.error(`cold-start bench failed: ${e.stack ?? e}`);
  rmSync(home, { recursive: true, force: true });
  process.exit(1);
});
