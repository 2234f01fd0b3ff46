// The kitchen stations' printers in the admin panel, in real Chromium against the real
// `crema serve`: an admin sets the bar's printer in English and in German on a phone,
// the server keeps it, a bad address is refused in the reader's language; axe clean and
// nothing wider than the 390 px screen.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { USERS, apiClient, axeViolations, launchBrowser, newPage, signIn, startServer } from './harness.mjs';
import { overflowing } from './layout.mjs';

setTimeout(() => {
  console.error('e2e station printers: global time limit reached');
  process.exit(1);
}, 90_000).unref();

let server, browser, api;
const PHONE = { width: 390, height: 844 };

const WORDS = {
  en: { title: 'Station printers', saved: 'Printer of the bar station saved.', invalid: /IP address or host name/, station: 'Station: bar' },
  de: { title: 'Stationsdrucker', saved: 'Drucker der Station bar gespeichert.', invalid: /IP-Adresse oder einen Hostnamen/, station: 'Station „bar“' },
};

async function barPrinter(token) {
  const r = await api.call('GET', '/api/printer/stations', undefined, token);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.find((s) => s.station === 'bar');
}

describe('station printers in the admin panel', { timeout: 80_000 }, () => {
  before(async () => {
    server = await startServer();
    api = apiClient(server.url);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const [lang, locale, host, width] of [
    ['en', 'en-GB', '10.0.0.41', 58],
    ['de', 'de-DE', '10.0.0.42', 80],
  ]) {
    it(`sets the bar's printer (${lang}, 390 px)`, { timeout: 35_000 }, async () => {
      const w = WORDS[lang];
      const page = await newPage(browser, PHONE, locale);
      await page.goto(`${server.url}/admin?tab=printer`);
      await signIn(page, USERS.admin, lang);
      const section = page.getByTestId('station-printers');
      await section.getByRole('heading', { name: w.title }).waitFor();
      const bar = page.getByTestId('station-printer-bar');
      await bar.getByRole('heading', { name: w.station }).waitFor();
      await page.getByTestId('station-printer-kitchen').waitFor();

      // A host with a scheme is refused here, before the server sees it.
      await page.getByTestId('station-host-bar').fill('http://10.0.0.9');
      await page.getByTestId('station-save-bar').click();
      assert.match(await bar.locator('.field-error').first().textContent(), w.invalid);
      assert.equal(await page.getByTestId('station-host-bar').getAttribute('aria-invalid'), 'true');

      await page.getByTestId('station-host-bar').fill(host);
      await page.getByTestId('station-port-bar').fill('9100');
      await page.getByTestId(`station-paper-bar-${width}`).click();
      await page.getByTestId('station-save-bar').click();
      await page.getByText(w.saved).waitFor();
      const token = await api.login(USERS.admin);
      const saved = await barPrinter(token);
      assert.deepEqual(saved.printer, { host, port: 9100, paper_width_mm: width });
      assert.equal(saved.status.configured, true);
      // The status line says a printer is set; the test page can be sent.
      await page.locator('[data-testid="station-status-bar"][data-state="unknown"], [data-testid="station-status-bar"][data-state="offline"]').waitFor();
      assert.equal(await page.getByTestId('station-test-bar').isEnabled(), true);

      assert.deepEqual(await axeViolations(page), []);
      assert.deepEqual(await overflowing(page), []);
      assert.deepEqual(page.errors, []);
      await page.context().close();
    });
  }

  it('a cashier may not set a station printer', async () => {
    const cashier = await api.login(USERS.cashier);
    const r = await api.call('PUT', '/api/printer/stations/bar', { host: '10.0.0.9' }, cashier);
    assert.equal(r.status, 403);
  });
});
