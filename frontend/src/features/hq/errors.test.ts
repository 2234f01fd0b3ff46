import { afterAll, describe, expect, it } from 'vitest';
import openapi from '../../api/hq-openapi.json';
import { ApiError, type ErrorCode } from '../../api';
import { de } from '../../i18n/de';
import { en } from '../../i18n/en';
import { hq as hqDe } from '../../i18n/de/hq';
import { hq as hqEn } from '../../i18n/en/hq';
import i18n from '../../i18n';
import { apiErrorText } from '../../ui/errorText';
import { HQ_ERRORS } from './i18n';

const schemas = openapi.components.schemas as unknown as Record<string, { enum?: string[] }>;
/** Every code head office answers with, from its OpenAPI document. */
const HQ_CODES = schemas.HqCode?.enum ?? [];

describe('head office error texts', () => {
  afterAll(() => i18n.changeLanguage('en'));

  it('the codes come from head office’s document', () => {
    expect(HQ_CODES).toContain('invalid_enrolment_code');
    expect(HQ_CODES).toContain('database_unavailable');
    expect(HQ_CODES).toContain('nothing_to_publish');
  });

  it('every code has an English and a German text, head office’s own or the common one', () => {
    for (const [app, own] of [
      [en, hqEn],
      [de, hqDe],
    ] as const) {
      const common = app.errors.codes as Record<string, string>;
      const mine = own.hq.errors as Record<string, string>;
      const missing = HQ_CODES.filter((c) => !mine[c] && !common[c]);
      expect(missing).toEqual([]);
    }
  });

  it('words a code in the language, head office’s text first', async () => {
    await i18n.changeLanguage('de');
    // A code of head office's only (not among the shop's `ErrorCode`s).
    const noMenu = new ApiError(409, 'no_shop_menu' as ErrorCode, 'no menu');
    expect(apiErrorText(i18n, HQ_ERRORS, noMenu)).toBe(hqDe.hq.errors.no_shop_menu);
    expect(apiErrorText(i18n, HQ_ERRORS, new ApiError(503, 'database_unavailable', 'down'))).toBe(hqDe.hq.errors.database_unavailable);
    expect(apiErrorText(i18n, HQ_ERRORS, new ApiError(401, 'invalid_credentials', 'wrong'))).toBe(de.errors.codes.invalid_credentials);
  });
});
