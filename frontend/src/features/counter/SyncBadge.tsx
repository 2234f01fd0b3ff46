import { useTranslation } from 'react-i18next';
import { minutesBehind, useSyncStatus } from '../../api/queries/get-sync-status';
import { waitText } from '../../ui';

/** A small badge while head office is more than 15 minutes behind this shop's sales (they are safe here meanwhile). */
export function SyncBadge() {
  const { t, i18n } = useTranslation();
  const status = useSyncStatus().data;
  const behind = minutesBehind(status, Date.now());
  if (behind === null) return null;
  return (
    <span className="badge badge-warn" role="status" title={status?.last_error ?? undefined} data-testid="sync-badge">
      {t('counter.syncBehind', { time: waitText(behind * 60, i18n.language) })}
    </span>
  );
}
