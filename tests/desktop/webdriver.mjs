// A small W3C WebDriver client (fetch only) for tauri-driver + WebKitWebDriver.
// Every wait is a bounded poll; nothing sleeps for a fixed time.

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

export class WebDriver {
  constructor(base, sessionId) {
    this.base = base;
    this.id = sessionId;
  }

  static async session(base, capabilities, { timeoutMs = 60_000 } = {}) {
    const res = await call(base, 'POST', '/session', { capabilities: { alwaysMatch: capabilities } }, timeoutMs);
    return new WebDriver(base, res.sessionId);
  }

  cmd(method, path, body) {
    return call(this.base, method, `/session/${this.id}${path}`, body);
  }

  async quit() {
    try {
      await call(this.base, 'DELETE', `/session/${this.id}`, undefined, 15_000);
    } catch {
      // the app may already be gone
    }
  }

  async findAll(css) {
    const els = await this.cmd('POST', '/elements', { using: 'css selector', value: css });
    return els.map((e) => e[ELEMENT]);
  }

  /** The first element matching `css` (and `accept`), waiting for it. */
  async find(css, { timeoutMs = 15_000, visible = true, accept } = {}) {
    return this.waitFor(`${css}`, async () => {
      for (const el of await this.findAll(css)) {
        if (visible && !(await this.cmd('GET', `/element/${el}/displayed`).catch(() => false))) continue;
        if (accept && !(await accept(el))) continue;
        return el;
      }
      return null;
    }, timeoutMs);
  }

  async waitFor(what, probe, timeoutMs = 15_000) {
    const end = Date.now() + timeoutMs;
    let last;
    while (Date.now() < end) {
      try {
        const v = await probe();
        if (v) return v;
      } catch (e) {
        last = e;
      }
      await new Promise((r) => setTimeout(r, 150));
    }
    throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ''}`);
  }

  async click(css, opts) {
    const el = await this.find(css, opts);
    await this.cmd('POST', `/element/${el}/click`, {});
    return el;
  }

  async type(css, text) {
    const el = await this.find(css);
    await this.cmd('POST', `/element/${el}/clear`, {});
    await this.cmd('POST', `/element/${el}/value`, { text });
  }

  text(el) {
    return this.cmd('GET', `/element/${el}/text`);
  }

  attr(el, name) {
    return this.cmd('GET', `/element/${el}/attribute/${name}`);
  }

  /** Runs an async function body in the page; `done(value)` is its last argument. */
  execAsync(script, args = []) {
    return this.cmd('POST', '/execute/async', { script, args });
  }

  exec(script, args = []) {
    return this.cmd('POST', '/execute/sync', { script, args });
  }

  async screenshot() {
    return Buffer.from(await this.cmd('GET', '/screenshot'), 'base64');
  }
}

async function call(base, method, path, body, timeoutMs = 30_000) {
  const res = await fetch(base + path, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok || (json.value && json.value.error)) {
    const v = json.value ?? {};
    throw new Error(`WebDriver ${method} ${path}: ${res.status} ${v.error ?? ''} ${v.message ?? ''}`);
  }
  return json.value;
}
