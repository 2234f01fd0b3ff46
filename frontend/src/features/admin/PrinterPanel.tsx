import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrinterSettings, PrintJobView } from '../../api';
import { Button, printFailureText, useToast } from '../../ui';
import { usePrinterSettings } from './api/get-printer-settings';
import { usePrinterStatus } from './api/get-printer-status';
import { useOpenDrawer } from './api/open-drawer';
import { usePrintTestPage } from './api/print-test-page';
import { useUpdatePrinterSettings } from './api/update-printer-settings';
import { useErrorText } from './errors';
import { formToPrinter, printerToForm, type PrinterForm, type PrinterProblem } from './lib/printer-form';
import { StationPrinters } from './StationPrinters';

/** The receipt printer: its network address, paper, automatic receipts and the cash drawer; a test page. Then the kitchen stations' printers. */
export function PrinterPanel() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const settings = usePrinterSettings();
  return (
    <section className="panel stack" aria-labelledby="printer-h">
      <h2 id="printer-h">{t('admin.printer.title')}</h2>
      <PrinterStatusLine />
      {settings.data ? (
        <PrinterEditor key={JSON.stringify(settings.data)} settings={settings.data} />
      ) : settings.error ? (
        <p className="notice notice-error" role="alert">
          {errorText(settings.error)}
        </p>
      ) : (
        <p>{t('common.loading')}</p>
      )}
      <PrinterActions />
      <StationPrinters />
    </section>
  );
}

function PrinterStatusLine() {
  const { t, i18n } = useTranslation();
  const s = usePrinterStatus().data;
  if (!s) return null;
  const state = !s.configured ? 'notConfigured' : s.online === true ? 'online' : s.online === false ? 'offline' : 'unknown';
  return (
    <div className="printer-status" role="status" data-testid="printer-status" data-state={state} data-pending={s.pending.length}>
      <span className={`pill ${state === 'online' ? 'paid' : state === 'offline' ? 'unpaid' : ''}`}>{t(`admin.printer.state.${state}`)}</span>
      {s.pending.length > 0 && <span>{t('admin.printer.pending', { count: s.pending.length })}</span>}
      {s.last_error && <span className="field-error">{t('admin.printer.lastError', { error: printFailureText(i18n, s.last_error_code) })}</span>}
    </div>
  );
}

function PrinterEditor({ settings }: { settings: PrinterSettings }) {
  const { t } = useTranslation();
  const toast = useToast();
  const errorText = useErrorText();
  const save = useUpdatePrinterSettings();
  const [f, setF] = useState<PrinterForm>(() => printerToForm(settings));
  const [problems, setProblems] = useState<Partial<Record<'host' | 'port', PrinterProblem>>>({});
  const set = (patch: Partial<PrinterForm>) => setF((x) => ({ ...x, ...patch }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const r = formToPrinter(f);
    setProblems(r.ok ? {} : r.problems);
    if (r.ok) save.mutate(r.settings, { onSuccess: () => toast(t('admin.printer.saved'), 'success') });
  };
  const err = (k: 'host' | 'port') =>
    problems[k] && (
      <span className="field-error" id={`printer-${k}-error`}>
        {t(`admin.printer.invalid.${problems[k]}`)}
      </span>
    );
  return (
    <form className="form-grid" onSubmit={submit} noValidate>
      <label className="field">
        <span>{t('admin.printer.host')}</span>
        <input
          value={f.host}
          onChange={(e) => set({ host: e.target.value })}
          placeholder="192.168.1.50"
          autoCapitalize="off"
          spellCheck={false}
          aria-invalid={!!problems.host}
          aria-describedby={problems.host ? 'printer-host-error' : 'printer-host-hint'}
          data-testid="printer-host"
        />
        {err('host') ?? (
          <span className="hint" id="printer-host-hint">
            {t('admin.printer.hostHint')}
          </span>
        )}
      </label>
      <label className="field">
        <span>{t('admin.printer.port')}</span>
        <input
          value={f.port}
          onChange={(e) => set({ port: e.target.value })}
          inputMode="numeric"
          aria-invalid={!!problems.port}
          aria-describedby={problems.port ? 'printer-port-error' : undefined}
          data-testid="printer-port"
        />
        {err('port')}
      </label>
      <div className="field">
        <span id="printer-paper-label">{t('admin.printer.paper')}</span>
        <div className="segmented" role="radiogroup" aria-labelledby="printer-paper-label">
          {([58, 80] as const).map((w) => (
            <button
              key={w}
              type="button"
              role="radio"
              aria-checked={f.paper_width_mm === w}
              className={`btn ${f.paper_width_mm === w ? 'option-on' : ''}`}
              onClick={() => set({ paper_width_mm: w })}
              data-testid={`printer-paper-${w}`}
            >
              {t('admin.printer.mm', { width: w })}
            </button>
          ))}
        </div>
      </div>
      <label className="check wide">
        <input type="checkbox" checked={f.auto_print} onChange={(e) => set({ auto_print: e.target.checked })} data-testid="printer-auto-print" />
        <span>{t('admin.printer.autoPrint')}</span>
      </label>
      <label className="check wide">
        <input type="checkbox" checked={f.open_drawer_on_cash} onChange={(e) => set({ open_drawer_on_cash: e.target.checked })} data-testid="printer-drawer-on-cash" />
        <span>{t('admin.printer.drawerOnCash')}</span>
      </label>
      {save.error && (
        <p className="notice notice-error wide" role="alert" data-testid="printer-error">
          {errorText(save.error)}
        </p>
      )}
      <div className="row wide">
        <Button type="submit" variant="primary" disabled={save.isPending} data-testid="printer-save">
          {t('admin.save')}
        </Button>
      </div>
    </form>
  );
}

function PrinterActions() {
  const { t, i18n } = useTranslation();
  const toast = useToast();
  const errorText = useErrorText();
  const test = usePrintTestPage();
  const drawer = useOpenDrawer({
    onSuccess: () => toast(t('admin.printer.drawerSent'), 'success'),
    onError: (e) => toast(errorText(e), 'error'),
  });
  const job: PrintJobView | undefined = test.data;
  return (
    <div className="stack">
      <div className="row wrap">
        <Button onClick={() => test.mutate()} disabled={test.isPending} data-testid="printer-test">
          {t('admin.printer.test')}
        </Button>
        <Button onClick={() => drawer.mutate()} disabled={drawer.isPending} data-testid="printer-open-drawer">
          {t('admin.printer.openDrawer')}
        </Button>
      </div>
      {job && (
        <p className="notice notice-success" role="status" data-testid="printer-test-result" data-job-id={job.id}>
          {t('admin.printer.testQueued', { time: new Date(job.queued_at).toLocaleTimeString(i18n.language, { timeStyle: 'short' }) })}
          {job.last_error ? ` ${t('admin.printer.lastError', { error: printFailureText(i18n, job.last_error_code) })}` : ''}
        </p>
      )}
      {test.error && (
        <p className="notice notice-error" role="alert" data-testid="printer-test-error">
          {errorText(test.error)}
        </p>
      )}
    </div>
  );
}
