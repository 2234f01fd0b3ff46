import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api';
import type { CacheEventHandler } from '../../../api/hooks';
import { notificationsKey } from './keys';

/** Notifications the inbox shows (the newest). */
export const INBOX_SIZE = 50;

export const getNotifications = () => api.listNotifications({ limit: INBOX_SIZE });

export const notificationsQueryOptions = () => queryOptions({ queryKey: notificationsKey, queryFn: getNotifications });

/** The inbox: kept current by `notification.created`; polled slowly in case a stream is down. */
export function useNotifications() {
  return useQuery({ ...notificationsQueryOptions(), refetchInterval: 60_000 });
}

export function useReadNotification() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.readNotification(id),
    onSuccess: () => qc.invalidateQueries({ queryKey: notificationsKey }),
  });
}

export function useReadAllNotifications() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.readAllNotifications(),
    onSuccess: () => qc.invalidateQueries({ queryKey: notificationsKey }),
  });
}

/** `notification.created` (admins only) or a `resync`: the inbox refetches (the unread count with it). */
export const applyNotificationEvent: CacheEventHandler = (qc, e) => {
  if (e.type === 'notification.created' || e.type === 'resync') void qc.invalidateQueries({ queryKey: notificationsKey });
};
