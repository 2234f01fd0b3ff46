import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api';

/**
 * A failed request in words: known codes have their own text in every language
 * (`admin.errors.<code>`); otherwise the server's own message.
 */
export function useErrorText(): (e: unknown) => string {
  const { t, i18n } = useTranslation();
  return useCallback(
    (e: unknown) => {
      if (e instanceof ApiError) {
        const key = `admin.errors.${e.code}`;
        return i18n.exists(key) ? t(key) : e.message;
      }
      return e instanceof Error ? e.message : String(e);
    },
    [t, i18n],
  );
}
