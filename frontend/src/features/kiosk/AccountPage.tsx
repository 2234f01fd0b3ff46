import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../../api';
import { useLogin } from '../../api/queries/login';
import { Button, Layout, useApiErrorText } from '../../ui';
import { useRegister } from './api/register';

/** Customers register or sign in with their e-mail, then order. */
export function AccountPage() {
  const { t } = useTranslation();
  const errorText = useApiErrorText();
  const navigate = useNavigate();
  const { mutateAsync: register } = useRegister();
  const { mutateAsync: login } = useLogin();
  const [mode, setMode] = useState<'login' | 'register'>('register');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (mode === 'register') await register({ name, email, password, ...(phone ? { phone } : {}) });
      else await login({ username: email, password });
      navigate('/kiosk', { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'invalid_credentials') setError(t('auth.invalidCredentials'));
      else setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Layout title={t('account.title')}>
      <div className="login-card">
        <div className="tabs" role="tablist" aria-label={t('account.title')}>
          <button type="button" role="tab" aria-selected={mode === 'register'} className={`tab ${mode === 'register' ? 'tab-on' : ''}`} onClick={() => setMode('register')}>
            {t('account.register')}
          </button>
          <button type="button" role="tab" aria-selected={mode === 'login'} className={`tab ${mode === 'login' ? 'tab-on' : ''}`} onClick={() => setMode('login')}>
            {t('account.signIn')}
          </button>
        </div>
        <form className="stack" onSubmit={submit}>
          {mode === 'register' && (
            <label className="field">
              <span>{t('account.name')}</span>
              <input name="name" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} required />
            </label>
          )}
          <label className="field">
            <span>{t('account.email')}</span>
            <input name="email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
          </label>
          {mode === 'register' && (
            <label className="field">
              <span>{t('account.phone')}</span>
              <input name="phone" type="tel" autoComplete="tel" value={phone} onChange={(e) => setPhone(e.target.value)} />
            </label>
          )}
          <label className="field">
            <span>{t('auth.password')}</span>
            <input
              name="password"
              type="password"
              autoComplete={mode === 'register' ? 'new-password' : 'current-password'}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              required
            />
          </label>
          <Button type="submit" variant="primary" size="lg" disabled={busy}>
            {mode === 'register' ? t('account.register') : t('account.signIn')}
          </Button>
          {error && (
            <p className="notice notice-error" role="alert">
              {error}
            </p>
          )}
        </form>
      </div>
    </Layout>
  );
}
