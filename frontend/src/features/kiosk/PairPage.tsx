import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api';
import { Button, Layout, NumberPad } from '../../ui';
import { usePairDevice } from './api/pair-device';

/** A tablet enters the 6-digit code an admin created and becomes a kiosk. */
export function PairPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { mutateAsync: pairDevice } = usePairDevice();
  const [code, setCode] = useState(() => (params.get('code') ?? '').replace(/\D/g, '').slice(0, 6));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (code.length !== 6 || busy) return;
    setBusy(true);
    setError(null);
    try {
      await pairDevice(code);
      navigate(params.get('next') ?? '/kiosk', { replace: true });
    } catch (e) {
      setCode('');
      if (e instanceof ApiError && e.status === 404 && e.code === 'not_found') setError(t('pair.unsupported'));
      else if (e instanceof ApiError) setError(e.isNetwork ? t('errors.network') : e.message);
      else setError(String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Layout title={t('pair.title')}>
      <div className="login-card stack">
        <p>{t('pair.explain')}</p>
        <label className="field">
          <span>{t('pair.code')}</span>
          <input
            className="code-input"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]{6}"
            maxLength={6}
            value={code}
            onChange={(e) => setCode(e.target.value.replace(/\D/g, '').slice(0, 6))}
            onKeyDown={(e) => e.key === 'Enter' && void submit()}
            data-testid="pair-code"
          />
        </label>
        <NumberPad value={code} onChange={setCode} onEnter={() => void submit()} maxLength={6} label={t('pair.code')} />
        <Button variant="primary" size="lg" disabled={code.length !== 6 || busy} onClick={() => void submit()}>
          {t('pair.submit')}
        </Button>
        {error && (
          <p className="notice notice-error" role="alert">
            {error}
          </p>
        )}
        <Link to="/account" className="link">
          {t('pair.customerInstead')}
        </Link>
      </div>
    </Layout>
  );
}
