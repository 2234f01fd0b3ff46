import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api, type AuditPage } from '../../../api';
import { auditKey } from './keys';

/** Entries per page of the audit log. */
export const AUDIT_PAGE = 50;

export const getAuditLog = (before?: number) => api.listAuditLog(before, AUDIT_PAGE);

/** The next page starts before the oldest `seq` seen; a short page is the last one. */
export const nextAuditPage = (last: AuditPage): number | undefined =>
  last.entries.length < AUDIT_PAGE ? undefined : last.entries[last.entries.length - 1]?.seq;

export const auditLogQueryOptions = () =>
  infiniteQueryOptions({
    queryKey: auditKey,
    queryFn: ({ pageParam }) => getAuditLog(pageParam),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: nextAuditPage,
  });

/** The audit log, newest first, a page at a time (admin). */
export function useAuditLog() {
  return useInfiniteQuery(auditLogQueryOptions());
}
