import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, desktop, type ShopSettings } from '../../api';
import { Button, useToast } from '../../ui';
import { useSettings } from '../../api/queries/get-settings';
import { useUpdateSettings } from './api/update-settings';
import { useErrorText } from './errors';
import { HeadOfficeRow } from './HeadOfficeRow';
import { LoyaltyEditor } from './LoyaltyEditor';
import { UpdatesRow } from './UpdatesRow';
import { formToSettings, settingsToForm, type SettingsField, type SettingsForm, type SettingsProblem } from './lib/settings-form';
import { removedTaxClasses, type TaxClassProblems } from './lib/tax-classes';
import { TaxClassesEditor } from './TaxClassesEditor';

/** Shop name, currency, tax, receipt texts, ticket-late thresholds, "regular" visits, how sales start, the kiosk's return. */
export function SettingsPanel() {
  const { t } = useTranslation();
  const settings = useSettings().data;
  return (
    <div className="stack">
      <section className="panel" aria-labelledby="settings-h">
        <h2 id="settings-h">{t('admin.settings.title')}</h2>
        {settings ? <SettingsEditor settings={settings} /> : <p>{t('common.loading')}</p>}
      </section>
      {settings && <LoyaltyEditor settings={settings} />}
      <HeadOfficeRow />
      {desktop && <UpdatesRow desktop={desktop} />}
    </div>
  );
}

function SettingsEditor({ settings }: { settings: ShopSettings }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const toast = useToast();
  const errorText = useErrorText();
  const save = useUpdateSettings();
  const [f, setF] = useState<SettingsForm>(() => settingsToForm(settings, locale));
  const [problems, setProblems] = useState<Partial<Record<SettingsField, SettingsProblem>>>({});
  const [classProblems, setClassProblems] = useState<TaxClassProblems[]>([]);
  // Saved elsewhere (another admin): take the new values unless this form has edits.
  const [base, setBase] = useState(settings);
  useEffect(() => {
    if (settings === base) return;
    setBase(settings);
    setF((cur) => (JSON.stringify(cur) === JSON.stringify(settingsToForm(base, locale)) ? settingsToForm(settings, locale) : cur));
  }, [settings, base, locale]);
  const set = (patch: Partial<SettingsForm>) => setF((x) => ({ ...x, ...patch }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const r = formToSettings(f, locale);
    setProblems(r.ok ? {} : r.problems);
    setClassProblems(r.ok ? [] : r.classProblems);
    if (!r.ok) return;
    // The loyalty programme and how guests' orders reach the kitchen have their own forms: kept as they are.
    save.mutate({ ...r.settings, loyalty: settings.loyalty, guest_orders_need_accept: settings.guest_orders_need_accept }, {
      onSuccess: (saved) => {
        // Classes just added are saved now: their ids are fixed from here on.
        setF(settingsToForm(saved, locale));
        toast(t('admin.settings.saved'), 'success');
      },
    });
  };
  const err = (k: SettingsField) =>
    problems[k] && (
      <span className="field-error" id={`settings-${k}-error`}>
        {t(`admin.settings.invalid.${problems[k]}`)}
      </span>
    );
  const text = (k: SettingsField, label: string, props: Record<string, unknown> = {}) => (
    <label className="field">
      <span>{label}</span>
      <input
        value={f[k]}
        onChange={(e) => set({ [k]: e.target.value } as Partial<SettingsForm>)}
        aria-invalid={!!problems[k]}
        aria-describedby={problems[k] ? `settings-${k}-error` : undefined}
        {...props}
      />
      {err(k)}
    </label>
  );
  return (
    <form className="form-grid" onSubmit={submit} noValidate>
      {text('shop_name', t('admin.settings.shopName'), { maxLength: 80 })}
      {text('currency', t('admin.settings.currency'), { maxLength: 3, autoCapitalize: 'characters' })}
      <label className="field">
        <span>{t('admin.settings.taxMode')}</span>
        <select value={f.tax_mode} onChange={(e) => set({ tax_mode: e.target.value as SettingsForm['tax_mode'] })}>
          <option value="inclusive">{t('admin.settings.inclusive')}</option>
          <option value="exclusive">{t('admin.settings.exclusive')}</option>
        </select>
      </label>
      {text('ticket_amber_minutes', t('admin.settings.amber'), { inputMode: 'numeric' })}
      {text('ticket_red_minutes', t('admin.settings.red'), { inputMode: 'numeric' })}
      {text('regular_after_visits', t('admin.settings.regular'), { inputMode: 'numeric' })}
      {text('cashier_refund_limit', t('admin.settings.refundLimit', { currency: f.currency }), { inputMode: 'decimal', 'data-testid': 'settings-refund-limit' })}
      {text('cashier_discount_limit', t('admin.settings.discountLimit'), { inputMode: 'decimal', 'data-testid': 'settings-discount-limit' })}
      <label className="field">
        <span>{t('admin.settings.defaultOrderType')}</span>
        <select value={f.default_order_type} onChange={(e) => set({ default_order_type: e.target.value as SettingsForm['default_order_type'] })} data-testid="settings-default-order-type">
          <option value="takeaway">{t('order.types.takeaway')}</option>
          <option value="dine_in">{t('order.types.dine_in')}</option>
        </select>
      </label>
      <label className="field">
        <span>{t('admin.settings.timezone')}</span>
        <select value={f.timezone} onChange={(e) => set({ timezone: e.target.value })} data-testid="settings-timezone">
          <option value="">{t('admin.settings.timezoneConfigured')}</option>
          {timeZones(f.timezone).map((z) => (
            <option key={z} value={z}>
              {z.replace(/_/g, ' ')}
            </option>
          ))}
        </select>
      </label>
      <label className="check">
        <input type="checkbox" checked={f.uses_tables} onChange={(e) => set({ uses_tables: e.target.checked })} data-testid="settings-uses-tables" />
        <span>{t('admin.settings.usesTables')}</span>
      </label>
      <label className="check">
        <input type="checkbox" checked={f.kitchen_gets_unpaid_orders} onChange={(e) => set({ kitchen_gets_unpaid_orders: e.target.checked })} data-testid="settings-kitchen-unpaid" />
        <span>{t('admin.settings.kitchenUnpaid')}</span>
      </label>
      {text('kiosk_return_seconds', t('admin.settings.kioskReturn'), { inputMode: 'numeric', placeholder: t('admin.settings.kioskReturnEach'), 'data-testid': 'settings-kiosk-return' })}
      <TaxClassesEditor drafts={f.tax_classes} onChange={(tax_classes) => set({ tax_classes })} problems={classProblems} />
      <label className="field wide">
        <span>{t('admin.settings.receiptHeader')}</span>
        <textarea rows={3} value={f.receipt_header} onChange={(e) => set({ receipt_header: e.target.value })} aria-invalid={!!problems.receipt_header} />
        {err('receipt_header')}
      </label>
      <label className="field wide">
        <span>{t('admin.settings.receiptFooter')}</span>
        <textarea rows={2} value={f.receipt_footer} onChange={(e) => set({ receipt_footer: e.target.value })} aria-invalid={!!problems.receipt_footer} />
        {err('receipt_footer')}
      </label>
      {save.error && (
        <p className="notice notice-error wide" role="alert" data-testid="settings-error">
          {save.error instanceof ApiError && save.error.code === 'tax_class_in_use'
            ? t('admin.taxClasses.inUse', { ids: removedTaxClasses(base, f.tax_classes).join(', ') })
            : errorText(save.error)}
        </p>
      )}
      <div className="row wide">
        <Button type="submit" variant="primary" data-testid="settings-save" disabled={save.isPending}>{t('admin.save')}</Button>
      </div>
    </form>
  );
}

/** The zones this browser knows (and the one set, should it not), for the time-zone choice. */
function timeZones(current: string): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (k: string) => string[] };
  const known = intl.supportedValuesOf?.('timeZone') ?? ['UTC', 'Europe/Berlin', 'Europe/Vienna', 'Europe/Zurich', 'Europe/London'];
  return current && !known.includes(current) ? [current, ...known] : known;
}
