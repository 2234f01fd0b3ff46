import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type DesktopApi } from '../../api';
import { Button, Dialog, QrCode, useApiErrorText } from '../../ui';
import { useRestartServer } from './api/restart-server';
import { useServerInfo } from './api/get-server-info';

/**
 * Desktop app only: the address tablets and the kitchen board open (also as a QR
 * code), and a way out when the built-in server could not start on its port.
 */
export function LanButton({ desktop }: { desktop: DesktopApi }) {
  const { t } = useTranslation();
  const errorText = useApiErrorText('counter.errors');
  const [open, setOpen] = useState(false);
  const info = useServerInfo(desktop);
  const restart = useRestartServer(desktop);
  const data = info.data;
  const first = data?.urls[0];
  const problem = data?.error ?? null;
  return (
    <>
      {first && (
        <span className="lan-url" data-testid="lan-url" title={first}>
          {first}
        </span>
      )}
      {problem && (
        <button type="button" className="badge badge-offline" onClick={() => setOpen(true)} data-testid="lan-problem" data-code={problem.code}>
          {t('counter.lan.problem')}
        </button>
      )}
      <Button variant="ghost" onClick={() => setOpen(true)} data-testid="lan-button">
        {problem ? '⚠ ' : ''}
        {t('counter.lan.button')}
      </Button>
      <Dialog
        open={open}
        title={t('counter.lan.title')}
        onClose={() => setOpen(false)}
        wide
        footer={<Button onClick={() => setOpen(false)}>{t('counter.lan.close')}</Button>}
      >
        <div className="stack" data-testid="lan-dialog">
          {info.isPending && <p>{t('common.loading')}</p>}
          {info.error && (
            <p className="notice notice-error" role="alert">
              {errorText(info.error)}
            </p>
          )}
          {data && data.running && first && (
            <>
              <p>{t('counter.lan.explain')}</p>
              <div className="lan-qr">
                <QrCode text={first} alt={t('counter.lan.qrAlt', { url: first })} size={200} />
                <ul className="lan-urls">
                  {data.urls.map((u) => (
                    <li key={u} className="url" data-testid="lan-dialog-url">
                      {u}
                    </li>
                  ))}
                </ul>
              </div>
              <p className="hint">{t('counter.lan.paths')}</p>
            </>
          )}
          {data && !data.running && !problem && <p>{t('counter.lan.notRunning')}</p>}
          {problem && (
            <div className="notice notice-warn stack" role="alert" data-testid="lan-error" data-code={problem.code}>
              {/* The problem's own message is English, for the log: the code is worded here. */}
              <p>{problem.code === 'port_in_use' && data?.port ? t('counter.lan.portInUse', { port: data.port }) : t('counter.lan.bindFailed', { bind: data?.bind ?? '' })}</p>
              {data?.suggested_port != null && (
                <div>
                  <Button variant="primary" onClick={() => restart.mutate(data.suggested_port!)} disabled={restart.isPending} data-testid="lan-use-port">
                    {t('counter.lan.usePort', { port: data.suggested_port })}
                  </Button>
                </div>
              )}
            </div>
          )}
          {restart.error && (
            <p className="notice notice-error" role="alert">
              {errorText(restart.error)}
            </p>
          )}
        </div>
      </Dialog>
    </>
  );
}
