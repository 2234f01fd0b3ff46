import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api';
import { Button, Layout, NumberPad, useApiErrorText } from '../../ui';
import { usePairDevice } from './api/pair-device';
import { MAX_RETURN_SECONDS, MIN_RETURN_SECONDS, parseReturnSeconds, returnSeconds, saveReturnSeconds } from './return-after';

/** A tablet enters the 6-digit code an admin created and becomes a kiosk or a staff terminal (then on to the PIN sign-in). */
export function PairPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { mutateAsync: pairDevice } = usePairDevice();
  const errorText = useApiErrorText('pair.errors');
  const [code, setCode] = useState(() => (params.get('code') ?? '').replace(/\D/g, '').slice(0, 6));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [seconds, setSeconds] = useState(() => String(returnSeconds(localStorage)));
  const secondsOk = parseReturnSeconds(seconds) !== null;
  const submit = async () => {
    if (code.length !== 6 || busy || !secondsOk) return;
    setBusy(true);
    setError(null);
    try {
      const paired = await pairDevice(code);
      if (paired.device_kind === 'terminal') {
        navigate('/login?paired=terminal', { replace: true });
        return;
      }
      saveReturnSeconds(localStorage, parseReturnSeconds(seconds) ?? returnSeconds(localStorage));
      navigate(params.get('next') ?? '/kiosk', { replace: true });
    } catch (e) {
      setCode('');
      if (e instanceof ApiError && e.status === 404 && e.code === 'not_found') setError(t('pair.unsupported'));
      else setError(errorText(e));
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
        <label className="field">
          <span>{t('pair.returnAfter')}</span>
          <input
            inputMode="numeric"
            value={seconds}
            onChange={(e) => setSeconds(e.target.value.replace(/\D/g, '').slice(0, 3))}
            aria-invalid={!secondsOk || undefined}
            aria-describedby="return-after-hint"
            data-testid="return-after"
          />
          <span id="return-after-hint" className={secondsOk ? 'hint' : 'field-error'}>
            {t('pair.returnAfterHint', { min: MIN_RETURN_SECONDS, max: MAX_RETURN_SECONDS })}
          </span>
        </label>
        <Button variant="primary" size="lg" disabled={code.length !== 6 || busy || !secondsOk} onClick={() => void submit()}>
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
