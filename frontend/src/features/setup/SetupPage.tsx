import { useState, type FormEvent, type InputHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, isTauri } from '../../api';
import { Button, Layout, useApiErrorText } from '../../ui';
import { tokenFromUrl, useCompleteSetup } from './api/complete-setup';
import { CURRENCIES, emptySetupForm, fieldForServerCode, formToFirstRun, type SetupField, type SetupForm, type SetupProblems } from './setup-form';

/** First run: the shop, its tax, the owner's admin account, the cashiers' PINs, and the demo menu. */
export function SetupPage() {
  const { t, i18n } = useTranslation();
  const completeSetup = useCompleteSetup();
  const [f, setF] = useState<SetupForm>(emptySetupForm);
  const [problems, setProblems] = useState<SetupProblems>({});
  const [server, setServer] = useState<{ field: SetupField | null; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  // The desktop app is the counter itself; a browser shows the token `crema serve` printed.
  const [token, setToken] = useState(tokenFromUrl);
  const askToken = !isTauri() && !tokenFromUrl();
  const errorText = useApiErrorText('setup.errors');
  const set = (patch: Partial<SetupForm>) => setF((x) => ({ ...x, ...patch }));
  const setCashier = (i: number, patch: Partial<SetupForm['cashiers'][number]>) =>
    setF((x) => ({ ...x, cashiers: x.cashiers.map((c, j) => (j === i ? { ...c, ...patch } : c)) }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const r = formToFirstRun(f, i18n.language);
    setProblems(r.ok ? {} : r.problems);
    setServer(null);
    if (!r.ok) {
      // After React has marked the fields: the first one with a problem gets the focus.
      setTimeout(() => document.querySelector<HTMLElement>('.setup-form [aria-invalid="true"]')?.focus(), 0);
      return;
    }
    setBusy(true);
    try {
      // On success the app shell moves on to the PIN sign-in.
      await completeSetup.mutateAsync({ firstRun: r.firstRun, token });
    } catch (err) {
      // Set up meanwhile: the app shell moves on to the home page.
      if (err instanceof ApiError && err.code === 'already_set_up') return;
      const message = errorText(err);
      setServer({ field: err instanceof ApiError ? fieldForServerCode(err.code) : null, message });
    } finally {
      setBusy(false);
    }
  };

  /** The problem under a field: ours in words, or the server's message when it named this field. */
  const errorOf = (k: SetupField): string | null => {
    const p = problems[k];
    if (p) return t(`setup.invalid.${p}`);
    if (server && server.field === k) return server.message;
    return null;
  };
  const field = (k: SetupField, label: string, testid: string, props: InputHTMLAttributes<HTMLInputElement>) => {
    const err = errorOf(k);
    return (
      <label className="field">
        <span>{label}</span>
        <input
          id={`setup-${k}`}
          data-testid={testid}
          aria-invalid={err ? true : undefined}
          aria-describedby={err ? `setup-${k}-error` : undefined}
          {...props}
        />
        {err && (
          <span className="field-error" id={`setup-${k}-error`} data-testid={`${testid}-error`}>
            {err}
          </span>
        )}
      </label>
    );
  };

  return (
    <Layout title={t('setup.title')} className="setup">
      <form className="setup-form stack" onSubmit={(e) => void submit(e)} noValidate aria-describedby="setup-intro">
        <p id="setup-intro">{t('setup.intro')}</p>
        <fieldset className="form-grid">
          <legend>{t('setup.shop')}</legend>
          {field('shop_name', t('setup.shopName'), 'setup-shop-name', {
            value: f.shop_name,
            onChange: (e) => set({ shop_name: e.target.value }),
            maxLength: 80,
            autoFocus: true,
          })}
          <label className="field">
            <span>{t('setup.currency')}</span>
            <select id="setup-currency" data-testid="setup-currency" value={f.currency} onChange={(e) => set({ currency: e.target.value })}>
              {CURRENCIES.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
            {errorOf('currency') && <span className="field-error">{errorOf('currency')}</span>}
          </label>
          <label className="field">
            <span>{t('admin.settings.taxMode')}</span>
            <select id="setup-tax-mode" data-testid="setup-tax-mode" value={f.tax_mode} onChange={(e) => set({ tax_mode: e.target.value as SetupForm['tax_mode'] })}>
              <option value="inclusive">{t('admin.settings.inclusive')}</option>
              <option value="exclusive">{t('admin.settings.exclusive')}</option>
            </select>
          </label>
          {field('tax_rate', t('admin.settings.taxRate'), 'setup-tax-rate', {
            value: f.tax_rate,
            onChange: (e) => set({ tax_rate: e.target.value }),
            inputMode: 'decimal',
          })}
        </fieldset>

        <fieldset className="form-grid">
          <legend>{t('setup.owner')}</legend>
          <p className="hint wide">{t('setup.ownerHint')}</p>
          {field('admin_username', t('auth.username'), 'setup-admin-username', {
            value: f.admin_username,
            onChange: (e) => set({ admin_username: e.target.value }),
            autoComplete: 'username',
            maxLength: 40,
          })}
          {field('admin_password', t('setup.password'), 'setup-admin-password', {
            type: 'password',
            value: f.admin_password,
            onChange: (e) => set({ admin_password: e.target.value }),
            autoComplete: 'new-password',
          })}
          {field('admin_password2', t('setup.password2'), 'setup-admin-password2', {
            type: 'password',
            value: f.admin_password2,
            onChange: (e) => set({ admin_password2: e.target.value }),
            autoComplete: 'new-password',
          })}
        </fieldset>

        <fieldset className="stack">
          <legend>{t('setup.cashiers')}</legend>
          <p className="hint">{t('setup.cashiersHint')}</p>
          {f.cashiers.map((c, i) => (
            <div key={i} className="row wrap setup-cashier" data-testid="setup-cashier">
              {field(`cashier_name_${i}`, t('setup.cashierName', { n: i + 1 }), `setup-cashier-name-${i}`, {
                value: c.name,
                onChange: (e) => setCashier(i, { name: e.target.value }),
                maxLength: 64,
              })}
              {field(`cashier_pin_${i}`, t('setup.cashierPin', { n: i + 1 }), `setup-cashier-pin-${i}`, {
                value: c.pin,
                onChange: (e) => setCashier(i, { pin: e.target.value.replace(/\D/g, '').slice(0, 8) }),
                inputMode: 'numeric',
                autoComplete: 'off',
                maxLength: 8,
              })}
              {f.cashiers.length > 1 && (
                <Button
                  variant="ghost"
                  onClick={() => {
                    setF((x) => ({ ...x, cashiers: x.cashiers.filter((_, j) => j !== i) }));
                    setProblems({});
                  }}
                  aria-label={t('setup.removeCashier', { n: i + 1 })}
                  data-testid={`setup-remove-cashier-${i}`}
                >
                  {t('admin.remove')}
                </Button>
              )}
            </div>
          ))}
          <div>
            <Button onClick={() => set({ cashiers: [...f.cashiers, { name: '', pin: '' }] })} data-testid="setup-add-cashier">
              {t('setup.addCashier')}
            </Button>
          </div>
        </fieldset>

        <label className="check">
          <input type="checkbox" checked={f.demo_menu} onChange={(e) => set({ demo_menu: e.target.checked })} data-testid="setup-demo" id="setup-demo" />
          <span>{t('setup.demoMenu')}</span>
        </label>

        {askToken && (
          <label className="field">
            <span>{t('setup.token')}</span>
            <input
              value={token}
              onChange={(e) => setToken(e.target.value)}
              autoComplete="off"
              spellCheck={false}
              aria-describedby="setup-token-hint"
              data-testid="setup-token"
            />
            <span className="hint" id="setup-token-hint">
              {t('setup.tokenHint')}
            </span>
          </label>
        )}
        {server && server.field === null && (
          <p className="notice notice-error" role="alert" data-testid="setup-error">
            {server.message}
          </p>
        )}
        {Object.keys(problems).length > 0 && (
          <p className="notice notice-error" role="alert">
            {t('setup.fixProblems')}
          </p>
        )}
        <div>
          <Button type="submit" variant="primary" size="xl" disabled={busy} data-testid="setup-submit">
            {busy ? t('setup.saving') : t('setup.submit')}
          </Button>
        </div>
      </form>
    </Layout>
  );
}
