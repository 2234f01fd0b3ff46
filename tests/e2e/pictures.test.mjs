// Item pictures in real Chromium against the real `crema serve`: the admin uploads one in
// the item dialog and an open, paired kiosk shows it without a reload; the kiosk's pictures
// keep a fixed frame from a 390 px phone to a 1920 px screen; the counter's buttons show
// the small thumbnails; axe finds nothing serious on the changed screens. The test pictures
// are drawn here on a canvas (colourful shapes). `E2E_DOCS=1` also saves
// docs/kiosk-pictures.png (the kiosk with pictures, 1280×800).
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { overflowing } from './layout.mjs';
import { ROOT, SHOTS, USERS, VIEWPORTS, apiClient, axeViolations, launchBrowser, newPage, screenshotBoth, signIn, startServer } from './harness.mjs';

setTimeout(() => {
  console.error('e2e pictures: global time limit reached');
  process.exit(1);
}, 150_000).unref();

const PHONE = { width: 390, height: 844 };
const DOCS = { width: 1280, height: 800 };
let server, browser, api, adminToken, menu, painter;

/** A picture drawn on a canvas: a coloured background, a cup or a cake, as `type` bytes. */
async function draw(hue, shape, type, w = 900, h = 700) {
  const b64 = await painter.evaluate(
    async ({ hue, shape, type, w, h }) => {
      const c = document.createElement('canvas');
      c.width = w;
      c.height = h;
      const g = c.getContext('2d');
      const bg = g.createLinearGradient(0, 0, w, h);
      bg.addColorStop(0, `hsl(${hue} 70% 80%)`);
      bg.addColorStop(1, `hsl(${(hue + 60) % 360} 70% 55%)`);
      g.fillStyle = bg;
      g.fillRect(0, 0, w, h);
      for (let i = 0; i < 7; i++) {
        g.fillStyle = `hsl(${(hue + i * 40) % 360} 80% 65% / .45)`;
        g.beginPath();
        g.arc((w * (i + 0.5)) / 7, h * (0.15 + 0.1 * (i % 3)), h * 0.07, 0, Math.PI * 2);
        g.fill();
      }
      if (shape === 'cup') {
        g.fillStyle = '#fffaf2';
        g.fillRect(w * 0.3, h * 0.4, w * 0.36, h * 0.42);
        g.lineWidth = h * 0.04;
        g.strokeStyle = '#fffaf2';
        g.beginPath();
        g.arc(w * 0.7, h * 0.6, h * 0.1, -Math.PI / 2, Math.PI / 2);
        g.stroke();
        g.fillStyle = '#6b3e1f';
        g.beginPath();
        g.ellipse(w * 0.48, h * 0.42, w * 0.17, h * 0.05, 0, 0, Math.PI * 2);
        g.fill();
      } else {
        g.fillStyle = '#f3d9a4';
        g.beginPath();
        g.moveTo(w * 0.2, h * 0.8);
        g.lineTo(w * 0.8, h * 0.8);
        g.lineTo(w * 0.5, h * 0.35);
        g.closePath();
        g.fill();
        g.fillStyle = '#e0525e';
        g.beginPath();
        g.arc(w * 0.5, h * 0.33, h * 0.06, 0, Math.PI * 2);
        g.fill();
      }
      const blob = await new Promise((r) => c.toBlob(r, type, 0.9));
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let s = '';
      for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(s);
    },
    { hue, shape, type, w, h },
  );
  return Buffer.from(b64, 'base64');
}

async function upload(item, bytes, type) {
  const res = await fetch(`${server.url}/api/items/${item.id}/image`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${adminToken}`, 'Content-Type': type },
    body: bytes,
  });
  assert.equal(res.status, 200, await res.text());
}

async function axeClean(page, name) {
  const v = await axeViolations(page);
  assert.deepEqual(v, [], `axe on ${name}: ${JSON.stringify(v, null, 1)}`);
}

/** Waits until every item picture on the page has loaded; returns how many there are. */
async function picturesLoaded(page, selector) {
  await page.waitForFunction((sel) => [...document.querySelectorAll(sel)].every((i) => i.complete && i.naturalWidth > 0), selector);
  return page.locator(selector).count();
}

async function pairedKiosk(viewport) {
  const r = await api.call('POST', '/api/devices/pairing-codes', { name: `Kiosk ${viewport.width}` }, adminToken);
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const kiosk = await newPage(browser, viewport);
  await kiosk.goto(`${server.url}/pair`);
  await kiosk.getByTestId('pair-code').fill(r.body.code);
  await kiosk.getByRole('button', { name: 'Pair', exact: true }).click();
  await kiosk.waitForURL(/\/kiosk$/);
  await kiosk.getByTestId('menu-item').first().waitFor();
  await kiosk.locator('[data-testid="stream-status"][data-status="online"]').waitFor();
  // The kiosk opens on the featured items; the coffees are the menu's first category.
  await kiosk.getByRole('tab', { name: menu.categories[0].name, exact: true }).click();
  return kiosk;
}

const item = (name) => menu.categories.flatMap((c) => c.items).find((i) => i.name === name);

describe('item pictures', { timeout: 140_000 }, () => {
  before(async () => {
    server = await startServer();
    api = apiClient(server.url);
    adminToken = await api.login(USERS.admin);
    menu = (await api.call('GET', '/api/menu')).body;
    browser = await launchBrowser();
    painter = await newPage(browser);
    await painter.goto(`${server.url}/`);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the admin uploads a picture in the item dialog and an open kiosk shows it', { timeout: 60_000 }, async () => {
    const kiosk = await pairedKiosk(VIEWPORTS.tablet);
    const latte = item('Latte');
    assert.equal(await kiosk.locator(`[data-item-id="${latte.id}"] img`).count(), 0, 'no picture yet');

    const admin = await newPage(browser, VIEWPORTS.tablet);
    await admin.goto(`${server.url}/admin`);
    await signIn(admin, USERS.admin);
    await admin.getByRole('heading', { name: 'Admin' }).waitFor();
    await admin.getByRole('button', { name: 'Edit Latte', exact: true }).click();
    const dialog = admin.getByRole('dialog');
    const field = dialog.getByTestId('item-picture-field');
    await field.getByText('No picture').waitFor();

    // Checked before sending: a text file is refused with a translated reason.
    const input = dialog.getByTestId('item-picture-input');
    await input.setInputFiles({ name: 'menu.png', mimeType: 'image/png', buffer: Buffer.from('not a picture') });
    await dialog.getByTestId('item-picture-error').getByText('That file is not a JPEG, PNG or WebP picture.').waitFor();

    // A JPEG that calls itself .png: sent as the JPEG it is, and taken.
    const picture = await draw(25, 'cup', 'image/jpeg');
    await input.setInputFiles({ name: 'latte.png', mimeType: 'image/png', buffer: picture });
    const preview = dialog.getByTestId('item-picture-preview');
    await preview.waitFor();
    assert.equal(await dialog.getByTestId('item-picture-error').count(), 0);
    await admin.waitForFunction(() => {
      const i = document.querySelector('[data-testid="item-picture-preview"]');
      return i && i.complete && i.naturalWidth > 0;
    });
    await screenshotBoth(admin, 'admin-item-picture');
    await axeClean(admin, 'the item dialog with a picture');

    // The kiosk hears menu.updated and shows the tablet-sized picture, with alt text.
    const shown = kiosk.locator(`[data-item-id="${latte.id}"] img[data-testid="item-picture"]`);
    await shown.waitFor({ timeout: 5000 });
    assert.equal(await shown.getAttribute('alt'), 'Picture of Latte');
    assert.equal(await shown.getAttribute('loading'), 'lazy');
    const src = await shown.getAttribute('src');
    assert.match(src, /^\/images\/[0-9a-f]{64}\.jpg$/);
    assert.equal(await picturesLoaded(kiosk, '[data-testid="item-picture"]'), 1);
    const size = await shown.evaluate((i) => [i.naturalWidth, i.naturalHeight]);
    assert.deepEqual(size, [480, 373], 'the tablet size, made by the server');
    const res = await fetch(server.url + src);
    assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    await axeClean(kiosk, 'the kiosk with a picture');

    // Removed in the dialog: gone from the kiosk too.
    await dialog.getByTestId('item-picture-remove').click();
    await field.getByText('No picture').waitFor();
    await shown.waitFor({ state: 'detached', timeout: 5000 });
    assert.deepEqual(kiosk.errors, []);
    assert.deepEqual(admin.errors, []);
    await admin.context().close();
    await kiosk.context().close();
  });

  it('the kiosk shows pictures in a fixed frame from 390 px to 1920 px, the counter small ones', { timeout: 60_000 }, async () => {
    const coffees = menu.categories[0].items;
    assert.ok(coffees.length >= 4, 'the demo menu starts with several coffees');
    const types = ['image/png', 'image/jpeg', 'image/webp'];
    for (const [i, it] of coffees.entries()) {
      const type = types[i % 3];
      await upload(it, await draw((i * 47) % 360, i % 2 ? 'cake' : 'cup', type), type);
    }
    const kiosk = await pairedKiosk(DOCS);
    const count = await picturesLoaded(kiosk, '[data-testid="item-picture"]');
    assert.equal(count, coffees.length);
    if (process.env.E2E_DOCS) await kiosk.screenshot({ path: path.join(ROOT, 'docs/kiosk-pictures.png') });
    await kiosk.screenshot({ path: path.join(SHOTS, 'kiosk-pictures-1280x800.png') });

    for (const vp of [PHONE, VIEWPORTS.tablet, VIEWPORTS.counter]) {
      await kiosk.setViewportSize(vp);
      await kiosk.waitForTimeout(150); // layout settles after the resize (not a server wait)
      const frames = await kiosk.locator('[data-testid="item-picture"]').evaluateAll((imgs) =>
        imgs.map((i) => {
          const r = i.getBoundingClientRect();
          return { w: r.width, h: r.height };
        }),
      );
      for (const f of frames) {
        assert.ok(f.w > 60, `a picture is not squeezed at ${vp.width} px (${f.w})`);
        assert.ok(Math.abs(f.w / f.h - 4 / 3) < 0.02, `4:3 at ${vp.width} px: ${f.w}×${f.h}`);
      }
      assert.deepEqual(await overflowing(kiosk), [], `nothing overflows at ${vp.width} px`);
      await kiosk.screenshot({ path: path.join(SHOTS, `kiosk-pictures-${vp.width}x${vp.height}.png`) });
      await axeClean(kiosk, `the kiosk with pictures at ${vp.width} px`);
    }

    // A frame keeps its size before its picture arrives: nothing below it moves.
    await kiosk.route('**/images/**', () => {}); // never answered
    await kiosk.reload({ waitUntil: 'domcontentloaded' });
    const first = kiosk.locator('[data-testid="item-picture"]').first();
    await first.waitFor();
    const pending = await first.evaluate((i) => [i.complete, i.getBoundingClientRect().height]);
    assert.equal(pending[0], false, 'the picture is still loading');
    assert.ok(pending[1] > 40, `the frame has its height while loading (${pending[1]})`);
    assert.deepEqual(kiosk.errors, []);

    // The counter's buttons show the small thumbnails.
    const counter = await newPage(browser, VIEWPORTS.counter);
    await counter.goto(`${server.url}/counter`);
    await signIn(counter, USERS.cashier);
    await counter.getByRole('heading', { name: 'Counter' }).waitFor();
    assert.equal(await picturesLoaded(counter, '[data-testid="item-thumb"]'), coffees.length);
    const thumb = await counter.locator('[data-testid="item-thumb"]').first().evaluate((i) => [i.naturalWidth, i.naturalHeight, i.getAttribute('src')]);
    assert.ok(Math.max(thumb[0], thumb[1]) === 160, `a 160 px thumbnail (${thumb})`);
    await screenshotBoth(counter, 'counter-thumbnails');
    await axeClean(counter, 'the counter with thumbnails');
    assert.deepEqual(counter.errors, []);
  });
});
