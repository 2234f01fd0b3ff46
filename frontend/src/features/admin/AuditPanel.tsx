import { useTranslation } from 'react-i18next';
import type { AuditEntry, Money as MoneyT } from '../../api';
import { Button, formatMoney, waitText } from '../../ui';
import { useAuditLog } from './api/get-audit-log';
import { useErrorText } from './errors';

/** Actions the log names in words; anything newer is shown by its code. */
const KNOWN = new Set([
  'setup_completed',
  'staff_created',
  'staff_disabled',
  'staff_enabled',
  'password_changed',
  'pin_changed',
  'device_paired',
  'device_revoked',
  'device_locked',
  'approvals_locked',
  'order_cancelled',
  'order_refunded',
  'discount_given',
]);

/** Who did what and when: voids, refunds, staff and credential changes, devices, lockouts (newest first). */
export function AuditPanel() {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const log = useAuditLog();
  const entries = log.data?.pages.flatMap((p) => p.entries) ?? [];
  const when = (at: string) => new Date(at).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <section className="panel" aria-labelledby="audit-h">
      <h2 id="audit-h">{t('admin.audit.title')}</h2>
      <p className="hint">{t('admin.audit.explain')}</p>
      {log.error && (
        <p className="notice notice-error" role="alert">
          {errorText(log.error)}
        </p>
      )}
      {log.isPending && <p>{t('common.loading')}</p>}
      {log.isSuccess && entries.length === 0 && <p className="hint">{t('admin.audit.none')}</p>}
      <ol className="audit-list" data-testid="audit-list">
        {entries.map((e) => (
          <li key={e.seq} className="audit-entry" data-testid="audit-entry" data-action={e.action}>
            <div className="row audit-head">
              <strong className="grow">{KNOWN.has(e.action) ? t(`admin.audit.actions.${e.action}`, { subject: e.subject }) : e.action}</strong>
              <time dateTime={e.at}>{when(e.at)}</time>
            </div>
            <div className="hint">
              {t('admin.audit.by', { name: e.actor_id ? e.actor_name : t('admin.audit.operator') })}
              {detailText(e, t, i18n.language)}
            </div>
          </li>
        ))}
      </ol>
      {log.hasNextPage && (
        <Button onClick={() => void log.fetchNextPage()} disabled={log.isFetchingNextPage} data-testid="audit-more">
          {log.isFetchingNextPage ? t('common.loading') : t('admin.audit.older')}
        </Button>
      )}
    </section>
  );
}

type T = (key: string, opts?: Record<string, unknown>) => string;

/** The parts of an entry's detail a person wants to read, after a separator; nothing when there are none. */
export function detailText(e: AuditEntry, t: T, lang: string): string {
  const d = (e.detail ?? {}) as Record<string, unknown>;
  const parts: string[] = [];
  if (typeof d.role === 'string') parts.push(t('admin.audit.role', { role: t(`roles.${d.role}`) }));
  if (d.kind === 'kiosk' || d.kind === 'terminal') parts.push(t(`admin.kinds.${d.kind}`));
  if (isMoney(d.amount)) parts.push(formatMoney(d.amount, lang));
  if (typeof d.reason === 'string' && d.reason) parts.push(`“${d.reason}”`);
  if (typeof d.approved_by === 'string') parts.push(t('admin.audit.approved'));
  if (typeof d.seconds === 'number') parts.push(t('admin.audit.lockedFor', { time: waitText(d.seconds, lang) }));
  return parts.length ? ` · ${parts.join(' · ')}` : '';
}

function isMoney(v: unknown): v is MoneyT {
  return typeof v === 'object' && v !== null && typeof (v as MoneyT).amount === 'number' && typeof (v as MoneyT).currency === 'string';
}
