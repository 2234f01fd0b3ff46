import { useTranslation } from 'react-i18next';
import { useSyncStatus } from '../../api/queries/get-sync-status';
import { useErrorText } from './errors';

/** Head office as this shop sees it: linked or not, what waits to be sent, the last push. */
export function HeadOfficeRow() {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const q = useSyncStatus();
  const s = q.data;
  const when = (at: string) => new Date(at).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <section className="panel stack" aria-labelledby="hq-h" data-testid="head-office">
      <h2 id="hq-h">{t('admin.headOffice.title')}</h2>
      {q.error && <p className="notice notice-error" role="alert">{errorText(q.error)}</p>}
      {s && !s.enrolled && (
        <p data-testid="hq-not-linked">
          {t('admin.headOffice.notLinked')} <code>crema shop enrol --hq URL --code CODE</code>
        </p>
      )}
      {s?.enrolled && (
        <p data-testid="hq-linked">
          {t('admin.headOffice.linked', { url: s.hq_url ?? '' })}{' '}
          {s.last_success_at ? t('admin.headOffice.lastSent', { time: when(s.last_success_at) }) : t('admin.headOffice.neverSent')}
        </p>
      )}
      {s && (
        <p data-testid="hq-pending" data-pending={s.pending}>
          {s.pending === 0 ? t('admin.headOffice.nothingWaiting') : t('admin.headOffice.waiting', { count: s.pending, time: when(s.oldest_pending_at ?? '') })}
        </p>
      )}
      {s?.enrolled && (
        <p data-testid="hq-menu-version">
          {s.menu_version != null ? t('admin.headOffice.menuVersion', { version: s.menu_version }) : t('admin.headOffice.ownMenu')}
        </p>
      )}
      {s?.last_error && (
        <p className="notice notice-warn" data-testid="hq-error">
          {t('admin.headOffice.lastError', { error: s.last_error })}
        </p>
      )}
    </section>
  );
}
