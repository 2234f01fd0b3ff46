import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Decision, type FeedbackStatus } from '../../../api';
import type { CacheEventHandler } from '../../../api/hooks';
import { feedbackKey } from './keys';

/** What the moderation list shows: one status, or all (pending first). */
export type FeedbackFilter = FeedbackStatus | 'all';

export const getFeedback = (filter: FeedbackFilter) => api.listFeedback(filter === 'all' ? undefined : filter);

export const feedbackQueryOptions = (filter: FeedbackFilter) =>
  queryOptions({ queryKey: [...feedbackKey, filter], queryFn: () => getFeedback(filter) });

export function useFeedback(filter: FeedbackFilter) {
  return useQuery(feedbackQueryOptions(filter));
}

export const moderateFeedback = ({ id, decision }: { id: string; decision: Decision }) => api.moderateFeedback(id, decision);

/** Approve or reject; every filtered list refetches. */
export function useModerateFeedback() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: moderateFeedback,
    onSuccess: () => qc.invalidateQueries({ queryKey: feedbackKey }),
  });
}

/** New or moderated feedback (admins' events), or a `resync`: the lists refetch. */
export const applyFeedbackEvent: CacheEventHandler = (qc, e) => {
  if (e.type === 'feedback.created' || e.type === 'feedback.moderated' || e.type === 'resync') {
    void qc.invalidateQueries({ queryKey: feedbackKey });
  }
};
