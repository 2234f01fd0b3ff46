import { afterAll, describe, expect, it } from 'vitest';
import i18n from '../i18n';
import { en } from '../i18n/en';
import { de } from '../i18n/de';
import { ApiError, type ServerErrorCode } from '../api/errors';
import openapi from '../api/openapi.json';
import errorParams from '../api/error-params.json';
import { apiErrorText, printFailureText } from './errorText';
import { formatMoney } from './money';

const schemas = openapi.components.schemas as unknown as Record<string, { enum?: string[] }>;
const CODES = schemas.ErrorCode?.enum ?? [];
const FIELDS = schemas.ErrorField?.enum ?? [];
const PARAMS = errorParams as unknown as Record<string, string[] | string>;

const table = (d: typeof en) => d.errors.codes as Record<string, string>;
const fields = (d: typeof en) => d.errors.fields as Record<string, string>;
const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]);

/** The server code a text key is for: `coupon_invalid_min_subtotal` → `coupon_invalid`. */
function codeOf(key: string): string | undefined {
  return [...CODES].sort((a, b) => b.length - a.length).find((c) => key === c || key.startsWith(`${c}_`));
}

/** Every `<area>.errors.<code>` text (the screens' own wordings), with its key. */
function areaTexts(d: object, path = ''): [string, string][] {
  return Object.entries(d).flatMap(([k, v]): [string, string][] => {
    const here = path ? `${path}.${k}` : k;
    if (typeof v === 'string') return path.endsWith('errors') && path !== 'errors' ? [[here, v]] : [];
    return areaTexts(v as object, here);
  });
}

describe('server error texts', () => {
  afterAll(() => i18n.changeLanguage('en'));

  it('the code and field lists come from the server’s OpenAPI document', () => {
    expect(CODES).toContain('coupon_invalid');
    expect(CODES.length).toBeGreaterThan(60);
    expect(FIELDS).toContain('note');
  });

  it('every server code has an English and a German text', () => {
    for (const d of [en, de]) {
      const missing = CODES.filter((c) => !table(d)[c]);
      expect(missing, d === en ? 'en' : 'de').toEqual([]);
    }
  });

  it('every field an error can name has an English and a German name', () => {
    for (const d of [en, de]) {
      expect(FIELDS.filter((f) => !fields(d)[f]), d === en ? 'en' : 'de').toEqual([]);
      expect(Object.keys(fields(d)).filter((f) => !FIELDS.includes(f)), 'fields the server never sends').toEqual([]);
    }
  });

  it('texts are only for server codes, and their placeholders are params the server sends', () => {
    for (const d of [en, de]) {
      const texts: [string, string][] = [
        ...Object.entries(table(d)).map(([k, v]): [string, string] => [`errors.codes.${k}`, v]),
        ...areaTexts(d),
      ];
      for (const [key, text] of texts) {
        const last = key.split('.').pop() ?? '';
        const code = codeOf(last);
        if (key.startsWith('errors.codes.')) expect(code, `${key} is no server code`).toBeDefined();
        if (!code) continue; // a client-side code such as `network`
        const sent = PARAMS[code];
        const allowed = Array.isArray(sent) ? sent : [];
        for (const v of vars(text)) expect(allowed, `${key} uses {{${v}}}`).toContain(v);
      }
    }
  });

  it('error-params.json lists only server codes', () => {
    for (const code of Object.keys(PARAMS).filter((k) => !k.startsWith('$'))) expect(CODES).toContain(code);
  });
});

describe('apiErrorText', () => {
  const err = (code: ServerErrorCode, params: Record<string, unknown> = {}, message = 'an English message') =>
    new ApiError(422, code, message, null, params);

  it('words a coupon’s minimum in German with the money formatted, never the server’s English', async () => {
    await i18n.changeLanguage('de');
    const text = apiErrorText(i18n, 'counter.errors', err('coupon_invalid', { reason: 'min_subtotal', code: 'BIG5', min: { amount: 1000, currency: 'EUR' } }, 'coupon BIG5 needs a subtotal of at least 10.00 EUR'));
    expect(text).toBe(`Der Gutschein BIG5 gilt erst ab einem Bestellwert von ${formatMoney({ amount: 1000, currency: 'EUR' }, 'de')}.`);
    expect(text).toMatch(/10,00\s€/);
  });

  it('names the field in the language and falls back to the code’s text without a reason variant', async () => {
    await i18n.changeLanguage('de');
    expect(apiErrorText(i18n, 'counter.errors', err('too_long', { field: 'note', max: 200 }))).toBe('Die Notiz ist zu lang: höchstens 200 Zeichen.');
    expect(apiErrorText(i18n, undefined, err('coupon_invalid', { reason: 'something_new' }))).toBe('Dieser Gutschein kann nicht verwendet werden.');
  });

  it('a screen’s own wording wins over the common one', async () => {
    await i18n.changeLanguage('de');
    expect(apiErrorText(i18n, 'kiosk.errors', err('table_required'))).toBe(de.kiosk.errors.table_required);
    expect(apiErrorText(i18n, 'kiosk.errors', err('shift_open'))).toBe(de.errors.codes.shift_open);
  });

  it('an answer that is not the server’s JSON is still said in the language', async () => {
    await i18n.changeLanguage('de');
    expect(apiErrorText(i18n, undefined, new ApiError(502, 'http_502', 'Bad Gateway'))).toContain('HTTP 502');
    expect(apiErrorText(i18n, undefined, new ApiError(0, 'network', 'The server could not be reached.'))).toBe(de.errors.network);
  });

  it('a printer failure is said by its code, an unknown one in general words', async () => {
    await i18n.changeLanguage('de');
    expect(printFailureText(i18n, 'cannot_connect')).toBe(de.errors.print.cannot_connect);
    expect(printFailureText(i18n, 'something_new')).toBe(de.errors.print.other);
    expect(printFailureText(i18n, null)).toBe(de.errors.print.other);
  });
});
