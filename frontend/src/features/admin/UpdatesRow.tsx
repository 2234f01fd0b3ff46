import { useTranslation } from 'react-i18next';
import type { DesktopApi } from '../../api';
import { Button } from '../../ui';
import { useCheckUpdate } from './api/check-update';
import { useInstallUpdate } from './api/install-update';
import { useErrorText } from './errors';

/** Desktop app only: the installed version, a newer one when there is, and installing it. */
export function UpdatesRow({ desktop }: { desktop: DesktopApi }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const check = useCheckUpdate(desktop);
  const install = useInstallUpdate(desktop);
  const u = check.data;
  return (
    <section className="panel stack" aria-labelledby="updates-h" data-testid="updates">
      <h2 id="updates-h">{t('admin.updates.title')}</h2>
      {u && <p data-testid="updates-current">{t('admin.updates.current', { version: u.current_version })}</p>}
      {u && !u.enabled && <p data-testid="updates-off">{t('admin.updates.off')}</p>}
      {u?.enabled && !u.available && !check.isFetching && <p data-testid="updates-none">{t('admin.updates.upToDate')}</p>}
      {u?.enabled && u.available && (
        <div className="stack" data-testid="updates-available" data-version={u.version ?? ''}>
          <p>
            <strong>{t('admin.updates.available', { version: u.version ?? '?' })}</strong>
          </p>
          {u.notes && <p className="pre-line" data-testid="updates-notes">{u.notes}</p>}
          <div>
            <Button variant="primary" onClick={() => install.mutate()} disabled={install.isPending} data-testid="updates-install">
              {install.isPending ? t('admin.updates.installing') : t('admin.updates.install')}
            </Button>
          </div>
        </div>
      )}
      {(check.error || install.error) && (
        <p className="notice notice-error" role="alert" data-testid="updates-error">
          {errorText(check.error ?? install.error)}
        </p>
      )}
      {(!u || u.enabled) && (
        <div>
          <Button onClick={() => void check.refetch()} disabled={check.isFetching || install.isPending} data-testid="updates-check">
            {check.isFetching ? t('admin.updates.checking') : t('admin.updates.check')}
          </Button>
        </div>
      )}
    </section>
  );
}
