import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/errors';

/**
 * A failed request in words: known codes have their own text in every language
 * (`<namespace>.<code>`, e.g. `admin.errors.coupon_exists`), no answer at all the
 * common `errors.network`; otherwise the server's own message.
 */
export function useApiErrorText(namespace: string): (e: unknown) => string {
  const { t, i18n } = useTranslation();
  return useCallback(
    (e: unknown) => {
      if (e instanceof ApiError) {
        const key = `${namespace}.${e.code}`;
        if (i18n.exists(key)) return t(key);
        return e.isNetwork ? t('errors.network') : e.message;
      }
      return e instanceof Error ? e.message : String(e);
    },
    [t, i18n, namespace],
  );
}
