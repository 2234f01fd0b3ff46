import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import { ApiError, type ErrorParams } from '../api/errors';
import type { Money } from '../api/types';
import { formatMoney } from './money';

function isMoney(v: unknown): v is Money {
  return !!v && typeof v === 'object' && typeof (v as Money).amount === 'number' && typeof (v as Money).currency === 'string';
}

/**
 * The keys tried for an error, most specific first: the screen's own text
 * (`<namespace>.<code>`), then the common one (`errors.codes.<code>`); each first
 * in the variant its `reason` picks (`<code>_<reason>`).
 */
export function errorKeys(namespace: string | undefined, code: string, params: ErrorParams): string[] {
  const reason = typeof params.reason === 'string' ? params.reason : undefined;
  const codes = reason ? [`${code}_${reason}`, code] : [code];
  const spaces = namespace ? [namespace, 'errors.codes'] : ['errors.codes'];
  return spaces.flatMap((ns) => codes.map((c) => `${ns}.${c}`));
}

/** The params as a text interpolates them: Money formatted, a `field` named in the language. */
export function errorValues(i18n: I18n, params: ErrorParams): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params)) {
    if (isMoney(v)) out[k] = formatMoney(v, i18n.language);
    else if (k === 'field' && typeof v === 'string') {
      const key = `errors.fields.${v}`;
      out[k] = i18n.exists(key) ? i18n.t(key) : v;
    } else if (typeof v === 'number' || typeof v === 'string') out[k] = v;
    else out[k] = JSON.stringify(v);
  }
  return out;
}

/**
 * A failed request in the user's language, never the server's English: the
 * screen's text for the code, else the common table's (which has every server
 * code), with the error's params filled in; no answer at all is `errors.network`.
 */
export function apiErrorText(i18n: I18n, namespace: string | undefined, e: unknown): string {
  if (!(e instanceof ApiError)) return e instanceof Error ? e.message : String(e);
  if (e.isNetwork) {
    const own = namespace ? `${namespace}.network` : undefined;
    return own && i18n.exists(own) ? i18n.t(own) : i18n.t('errors.network');
  }
  const key = errorKeys(namespace, e.code, e.params).find((k) => i18n.exists(k));
  if (key) return i18n.t(key, errorValues(i18n, e.params));
  if (e.code.startsWith('http_')) return i18n.t('errors.http', { status: e.status });
  return i18n.t('errors.unknown', { code: e.code });
}

/** `apiErrorText` for a screen's namespace (e.g. `admin.errors`), in the current language. */
export function useApiErrorText(namespace?: string): (e: unknown) => string {
  const { i18n } = useTranslation();
  return useCallback((e: unknown) => apiErrorText(i18n, namespace, e), [i18n, namespace]);
}

/** Why the receipt printer did not print, in the language (`last_error_code`; the English `last_error` is for the log). */
export function printFailureText(i18n: I18n, code: string | null | undefined): string {
  const key = `errors.print.${code ?? 'other'}`;
  return i18n.t(i18n.exists(key) ? key : 'errors.print.other');
}
