import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api';
import { Button, Layout, useApiErrorText, waitText } from '../../ui';
import { lastHqSessionEnd, useHqLogin } from './api/session';
import { HQ_ERRORS } from './i18n';

/** The owner signs in to head office (its own accounts and tokens, apart from the shop's). */
export function HqLoginPage() {
  const { t, i18n } = useTranslation();
  const errorText = useApiErrorText(HQ_ERRORS);
  const { mutateAsync: login, isPending } = useHqLogin();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const ended = lastHqSessionEnd() === 'expired';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await login({ username, password });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'invalid_credentials') setError(t('hq.login.invalid'));
      else if (err instanceof ApiError && err.status === 429 && err.retryAfter) setError(t('auth.locked', { time: waitText(err.retryAfter, i18n.language) }));
      else setError(errorText(err));
    }
  };

  return (
    <Layout title={t('hq.login.title')} className="login hq">
      <div className="login-card">
        {ended && (
          <p className="notice notice-warn" role="alert">
            {t('hq.login.ended')}
          </p>
        )}
        <p>{t('hq.login.intro')}</p>
        <form onSubmit={(e) => void submit(e)} className="stack" data-testid="hq-login">
          <label className="field">
            <span>{t('hq.login.username')}</span>
            <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
          </label>
          <label className="field">
            <span>{t('hq.login.password')}</span>
            <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
          </label>
          <Button type="submit" variant="primary" size="lg" disabled={isPending}>
            {t('hq.login.submit')}
          </Button>
        </form>
        {error && (
          <p className="notice notice-error" role="alert" data-testid="login-error">
            {error}
          </p>
        )}
      </div>
    </Layout>
  );
}
