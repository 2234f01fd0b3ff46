import { useTranslation } from 'react-i18next';
import type { CacheEventHandler } from '../../api/hooks';
import { useToast, waitText } from '../../ui';
import { auditKey } from './api/keys';

/** `security.alert` (sent to admins only) as a toast that stays readable; the audit log refetches. */
export function useSecurityAlerts(): CacheEventHandler {
  const { t, i18n } = useTranslation();
  const toast = useToast();
  return (qc, e) => {
    if (e.type !== 'security.alert') return;
    void qc.invalidateQueries({ queryKey: auditKey });
    const text =
      e.alert.kind === 'device_locked'
        ? t('admin.alerts.deviceLocked', { device: deviceName(e.alert.device, t), time: waitText(e.alert.seconds, i18n.language) })
        : t('admin.alerts.other', { kind: e.alert.kind });
    toast(text, 'error');
  };
}

/** The counter app and this computer's browser have no paired name: they get words. */
function deviceName(device: string, t: (k: string) => string): string {
  if (device === 'counter') return t('admin.alerts.counter');
  if (device === 'local') return t('admin.alerts.local');
  return device;
}
