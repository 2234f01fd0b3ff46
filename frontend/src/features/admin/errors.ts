import { useApiErrorText } from '../../ui';

/** A failed request in words: known codes have their own text (`admin.errors.<code>`); otherwise the server's message. */
export function useErrorText(): (e: unknown) => string {
  return useApiErrorText('admin.errors');
}
