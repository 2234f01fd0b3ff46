import type { i18n as I18n } from 'i18next';
import type { Notification } from '../../../api';
import { errorValues } from '../../../ui';

/** A notification in the reader's language, from its `kind` and `params` (never the server's English). */
export function notificationText(i18n: I18n, n: Pick<Notification, 'kind' | 'params'>): string {
  const params = (n.params ?? {}) as Record<string, unknown>;
  // A kitchen station's printer is named; the receipt printer is not.
  if (n.kind === 'printer_offline' && typeof params.station === 'string') {
    return i18n.t('stationPrinters.offlineNotice', { station: params.station });
  }
  const key = `inbox.kinds.${n.kind}`;
  if (!i18n.exists(key)) return i18n.t('inbox.kinds.other', { kind: n.kind });
  return i18n.t(key, errorValues(i18n, params));
}
