import { useMutation } from '@tanstack/react-query';
import { api } from '../../../api';

export const printTestPage = () => api.printTestPage();

/** Queues a test page; the job is printed in the background. */
export function usePrintTestPage() {
  return useMutation({ mutationFn: printTestPage });
}
