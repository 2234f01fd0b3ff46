import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { type Device, type DeviceKind, type PairingCode } from '../../api';
import { Button, Dialog, QrCode, useToast } from '../../ui';
import { useErrorText } from './errors';
import { useCreatePairingCode } from './api/create-pairing-code';
import { useDevices } from './api/get-devices';
import { onlyThisComputer, useServerInfo } from './api/get-server-info';
import { useRevokeDevice } from './api/revoke-device';

/**
 * Pair tablets with a one-time code (and QR code), as a customer kiosk or as a staff terminal
 * (where cashiers sign in with their PINs); list and revoke paired devices.
 */
export function DevicesPanel() {
  const { t, i18n } = useTranslation();
  const toast = useToast();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<DeviceKind>('kiosk');
  // Revoking signs the device out for good (it must be paired again): asked first.
  const [revoking, setRevoking] = useState<Device | null>(null);
  const [code, setCode] = useState<PairingCode | null>(null);
  const devices = useDevices({ waiting: code !== null && new Date(code.expires_at).getTime() > Date.now() });
  // The QR code points at the shop-network address (never 127.0.0.1, which a tablet cannot reach).
  const lan = useServerInfo();
  const unreachable = lan.data !== undefined && onlyThisComputer(lan.data.urls);
  const origin = lan.data?.urls[0]?.replace(/\/+$/, '') ?? window.location.origin;
  const errorText = useErrorText();
  const onError = (e: unknown) => toast(errorText(e), 'error');
  const create = useCreatePairingCode({
    onSuccess: (c) => {
      setCode(c);
      setName('');
    },
    onError,
  });
  const revoke = useRevokeDevice({ onError, onSuccess: () => setRevoking(null) });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim()) create.mutate({ name: name.trim(), kind });
  };
  return (
    <section className="panel" aria-labelledby="devices-h">
      <h2 id="devices-h">{t('admin.devices')}</h2>
      <form className="row" onSubmit={submit}>
        <label className="field grow">
          <span>{t('admin.deviceName')}</span>
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={60} placeholder={t('admin.deviceNameExample')} />
        </label>
        <fieldset className="kind-choice">
          <legend>{t('admin.deviceKind')}</legend>
          {(['kiosk', 'terminal'] as const).map((k) => (
            <label key={k} className="check">
              <input type="radio" name="device-kind" value={k} checked={kind === k} onChange={() => setKind(k)} data-testid={`device-kind-${k}`} />
              <span>
                {t(`admin.kinds.${k}`)}
                <span className="hint"> — {t(`admin.kindHints.${k}`)}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <Button type="submit" variant="primary" disabled={!name.trim() || create.isPending}>
          {t('admin.createCode')}
        </Button>
      </form>
      {unreachable && (
        <p className="notice notice-warn" role="alert" data-testid="lan-unreachable">
          {t('admin.lanUnreachable', { bind: lan.data?.bind ?? '' })}
        </p>
      )}
      {code && (
        <div className="pairing-code" role="status">
          <QrCode text={`${origin}/pair?code=${code.code}`} alt={t('admin.qrAlt', { code: code.code })} />
          <div>
            <p>{t(code.kind === 'terminal' ? 'admin.codeForTerminal' : 'admin.codeFor', { name: code.name })}</p>
            <p className="code" data-testid="pairing-code">
              {code.code}
            </p>
            <p>{t('admin.expires', { time: new Date(code.expires_at).toLocaleTimeString(i18n.language, { timeStyle: 'short' }) })}</p>
          </div>
        </div>
      )}
      <ul className="device-list">
        {devices.data?.devices.map((d) => (
          <li key={d.id} className="device" data-testid="device" data-kind={d.kind}>
            <span className="grow">
              <strong>{d.name}</strong> · {t(`admin.kinds.${d.kind}`)} · {new Date(d.created_at).toLocaleDateString(i18n.language)}
            </span>
            {d.revoked ? (
              <span className="pill unpaid">{t('admin.revoked')}</span>
            ) : (
              <Button variant="danger" onClick={() => setRevoking(d)} aria-label={t('admin.revokeDevice', { name: d.name })}>
                {t('admin.revoke')}
              </Button>
            )}
          </li>
        ))}
      </ul>
      <Dialog
        open={revoking !== null}
        title={t('admin.revokeTitle', { name: revoking?.name ?? '' })}
        onClose={() => setRevoking(null)}
        footer={
          <>
            <Button onClick={() => setRevoking(null)}>{t('common.cancel')}</Button>
            <Button variant="danger" disabled={revoke.isPending} onClick={() => revoking && revoke.mutate(revoking.id)} data-testid="revoke-confirm">
              {t('admin.revoke')}
            </Button>
          </>
        }
      >
        <p>{t(revoking?.kind === 'terminal' ? 'admin.revokeTerminalExplain' : 'admin.revokeExplain')}</p>
      </Dialog>
    </section>
  );
}
