import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, ApiError, isTauri, type Role } from '../../api';
import { lastSessionEndReason } from '../../api/hooks';
import { useLogin } from '../../api/queries/login';
import { Button, Layout, NumberPad, SessionMenu, useApiErrorText, waitText } from '../../ui';
import { useLoginWithPin } from './api/login-with-pin';
import { homeFor } from './roles';

/**
 * Username + password, or a cashier's PIN on a touch pad. A PIN is accepted at the counter
 * PC and on paired staff terminals only; elsewhere the server answers `pin_not_allowed` and
 * the page turns to the password.
 */
export function LoginPage({ wrongRole }: { wrongRole?: Role }) {
  const { t, i18n } = useTranslation();
  const errorText = useApiErrorText();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const justSetUp = params.get('setup') === 'done';
  const justPaired = params.get('paired') === 'terminal';
  // Where a PIN is likely to work: the counter app, a paired terminal, or right after setup on the counter PC.
  const pinHere = isTauri() || api.isTerminal();
  const { mutateAsync: login } = useLogin();
  const { mutateAsync: loginWithPin } = useLoginWithPin();
  const [mode, setModeState] = useState<'password' | 'pin'>(justSetUp || pinHere ? 'pin' : 'password');
  // Until someone picks a tab, the page opens on the PIN pad where the server takes PINs (the counter PC).
  const picked = useRef(false);
  const setMode = (m: 'password' | 'pin') => {
    picked.current = true;
    setModeState(m);
  };
  const pinAllowed = useQuery({ queryKey: ['auth', 'pin-here'], queryFn: () => api.pinHere(), retry: false, staleTime: 60_000 }).data;
  useEffect(() => {
    if (pinAllowed && !picked.current) setModeState('pin');
  }, [pinAllowed]);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ended = lastSessionEndReason() === 'expired';

  const done = (role: Role) => {
    // Stay on the page that asked for sign-in, unless it was the login page itself.
    if (window.location.pathname === '/login' || window.location.pathname === '/') navigate(homeFor(role), { replace: true });
  };
  const fail = (e: unknown) => {
    if (e instanceof ApiError) {
      if (e.code === 'invalid_credentials') setError(t(mode === 'pin' || e.params.reason === 'pin' ? 'auth.invalidPin' : 'auth.invalidCredentials'));
      else if (e.code === 'pin_not_allowed') {
        setMode('password');
        setError(t('auth.pinNotAllowed'));
      }
      else if (e.status === 429 || e.code.includes('locked'))
        setError(e.retryAfter ? t('auth.locked', { time: waitText(e.retryAfter, i18n.language) }) : t('auth.lockedNow'));
      else if (e.isNetwork) setError(t('errors.network'));
      else setError(errorText(e));
    } else setError(String(e));
  };
  const submitPassword = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      done((await login({ username, password })).role);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };
  const submitPin = async () => {
    if (pin.length < 4 || busy) return;
    setBusy(true);
    setError(null);
    try {
      done((await loginWithPin(pin)).role);
    } catch (err) {
      setPin('');
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Layout title={t('auth.title')} actions={<SessionMenu />} className="login">
      <div className="login-card">
        {justSetUp && !wrongRole && (
          <p className="notice notice-success" role="status" data-testid="setup-done">
            {t('auth.setupDone')}
          </p>
        )}
        {(justPaired || (api.isTerminal() && !wrongRole)) && (
          <p className={`notice ${justPaired ? 'notice-success' : ''}`} role="status" data-testid="terminal-note">
            {t(justPaired ? 'pair.terminalPaired' : 'auth.terminal')}
          </p>
        )}
        {ended && !wrongRole && (
          <p className="notice notice-warn" role="alert">
            {t('auth.sessionEnded')}
          </p>
        )}
        {wrongRole && (
          <p className="notice notice-warn" role="alert">
            {t('auth.wrongRole', { role: t(`roles.${wrongRole}`) })}
          </p>
        )}
        <div className="tabs" role="tablist" aria-label={t('auth.method')}>
          <button type="button" role="tab" aria-selected={mode === 'password'} className={`tab ${mode === 'password' ? 'tab-on' : ''}`} onClick={() => setMode('password')} data-testid="login-tab-password">
            {t('auth.password')}
          </button>
          <button type="button" role="tab" aria-selected={mode === 'pin'} className={`tab ${mode === 'pin' ? 'tab-on' : ''}`} onClick={() => setMode('pin')} data-testid="login-tab-pin">
            {t('auth.pin')}
          </button>
        </div>
        {mode === 'password' ? (
          <form onSubmit={submitPassword} className="stack">
            <label className="field">
              <span>{t('auth.username')}</span>
              <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
            </label>
            <label className="field">
              <span>{t('auth.password')}</span>
              <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
            </label>
            <Button type="submit" variant="primary" size="lg" disabled={busy}>
              {t('auth.signIn')}
            </Button>
          </form>
        ) : (
          <div className="stack pin">
            <div className="pin-dots" aria-label={t('auth.pinEntered', { count: pin.length })} role="img">
              {Array.from({ length: Math.max(4, pin.length) }, (_, i) => (
                <span key={i} className={`pin-dot ${i < pin.length ? 'on' : ''}`} />
              ))}
            </div>
            <NumberPad value={pin} onChange={setPin} onEnter={() => void submitPin()} maxLength={8} label={t('auth.pin')} testid="pin" />
            <Button variant="primary" size="lg" disabled={busy || pin.length < 4} onClick={() => void submitPin()} data-testid="pin-submit">
              {t('auth.signIn')}
            </Button>
          </div>
        )}
        {error && (
          <p className="notice notice-error" role="alert" data-testid="login-error">
            {error}
          </p>
        )}
        {!pinHere && pinAllowed === false && (
          <Link to="/pair" className="link" data-testid="pair-terminal">
            {t('auth.pairTerminal')}
          </Link>
        )}
      </div>
    </Layout>
  );
}
