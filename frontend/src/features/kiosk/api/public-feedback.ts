import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../api';
import type { CacheEventHandler } from '../../../api/hooks';
import { publicFeedbackKey } from './keys';

export const getPublicFeedback = () => api.publicFeedback();

export const publicFeedbackQueryOptions = () => queryOptions({ queryKey: publicFeedbackKey, queryFn: getPublicFeedback, staleTime: 60_000 });

/** The approved feedback, newest first: refreshed live by `feedback.public`, else every few minutes. */
export function usePublicFeedback() {
  return useQuery({ ...publicFeedbackQueryOptions(), refetchInterval: 5 * 60_000 });
}

/** `feedback.public` (after each moderation) replaces the list; a `resync` refetches it. */
export const applyPublicFeedbackEvent: CacheEventHandler = (qc, e) => {
  if (e.type === 'feedback.public') qc.setQueryData(publicFeedbackKey, e.list);
  if (e.type === 'resync') void qc.invalidateQueries({ queryKey: publicFeedbackKey });
};
