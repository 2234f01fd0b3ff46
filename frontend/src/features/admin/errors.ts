import { useApiErrorText } from '../../ui';

/** A failed request in words: the admin's own text (`admin.errors.<code>`), else the common one (`errors.codes.<code>`). */
export function useErrorText(): (e: unknown) => string {
  return useApiErrorText('admin.errors');
}
