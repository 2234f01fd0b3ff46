import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StationPrinterStatus, StationPrinterView } from '../../api';
import { Button, printFailureText, useToast } from '../../ui';
import { usePrintStationTestPage, useStationPrinters, useUpdateStationPrinter } from './api/station-printers';
import { useErrorText } from './errors';
import type { PrinterProblem } from './lib/printer-form';
import { formToStationPrinter, stationPrinterToForm, type StationPrinterForm } from './lib/station-printer-form';
import './station-printers.css';

/** The kitchen stations' printers: per station its address, paper, status and a test page. */
export function StationPrinters() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const q = useStationPrinters();
  return (
    <section className="stack" aria-labelledby="station-printers-h" data-testid="station-printers">
      <h3 id="station-printers-h">{t('stationPrinters.title')}</h3>
      <p className="hint">{t('stationPrinters.intro')}</p>
      {q.data ? (
        q.data.length === 0 ? (
          <p data-testid="station-printers-none">{t('stationPrinters.none')}</p>
        ) : (
          q.data.map((v) => <StationPrinterCard key={`${v.station}:${JSON.stringify(v.printer)}`} view={v} />)
        )
      ) : q.error ? (
        <p className="notice notice-error" role="alert">
          {errorText(q.error)}
        </p>
      ) : (
        <p>{t('common.loading')}</p>
      )}
    </section>
  );
}

function StationStatusLine({ s, station }: { s: StationPrinterStatus; station: string }) {
  const { t, i18n } = useTranslation();
  const state = !s.configured ? 'notConfigured' : s.online === true ? 'online' : s.online === false ? 'offline' : 'unknown';
  return (
    <div className="printer-status" role="status" data-testid={`station-status-${station}`} data-state={state} data-pending={s.pending.length}>
      <span className={`pill ${state === 'online' ? 'paid' : state === 'offline' ? 'unpaid' : ''}`}>{t(`admin.printer.state.${state}`)}</span>
      {s.pending.length > 0 && <span>{t('stationPrinters.pending', { count: s.pending.length })}</span>}
      {s.last_error && <span className="field-error">{t('admin.printer.lastError', { error: printFailureText(i18n, s.last_error_code) })}</span>}
    </div>
  );
}

function StationPrinterCard({ view }: { view: StationPrinterView }) {
  const { t } = useTranslation();
  const toast = useToast();
  const errorText = useErrorText();
  const save = useUpdateStationPrinter();
  const test = usePrintStationTestPage();
  const [f, setF] = useState<StationPrinterForm>(() => stationPrinterToForm(view));
  const [problems, setProblems] = useState<Partial<Record<'host' | 'port', PrinterProblem>>>({});
  const set = (patch: Partial<StationPrinterForm>) => setF((x) => ({ ...x, ...patch }));
  const id = `station-${view.station.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const r = formToStationPrinter(f);
    setProblems(r.ok ? {} : r.problems);
    if (r.ok)
      save.mutate(
        { station: view.station, printer: r.printer },
        { onSuccess: () => toast(t('stationPrinters.saved', { station: view.station }), 'success') },
      );
  };
  const err = (k: 'host' | 'port') =>
    problems[k] && (
      <span className="field-error" id={`${id}-${k}-error`}>
        {t(`admin.printer.invalid.${problems[k]}`)}
      </span>
    );
  return (
    <article className="station-printer stack" aria-labelledby={`${id}-h`} data-testid={`station-printer-${view.station}`}>
      <h4 id={`${id}-h`}>{t('stationPrinters.station', { station: view.station })}</h4>
      {!view.routed && <p className="hint">{t('stationPrinters.unrouted')}</p>}
      <StationStatusLine s={view.status} station={view.station} />
      <form className="form-grid" onSubmit={submit} noValidate>
        <label className="field">
          <span>{t('admin.printer.host')}</span>
          <input
            value={f.host}
            onChange={(e) => set({ host: e.target.value })}
            placeholder="192.168.1.51"
            autoCapitalize="off"
            spellCheck={false}
            aria-invalid={!!problems.host}
            aria-describedby={problems.host ? `${id}-host-error` : `${id}-host-hint`}
            data-testid={`station-host-${view.station}`}
          />
          {err('host') ?? (
            <span className="hint" id={`${id}-host-hint`}>
              {t('stationPrinters.hostHint')}
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
            aria-describedby={problems.port ? `${id}-port-error` : undefined}
            data-testid={`station-port-${view.station}`}
          />
          {err('port')}
        </label>
        <div className="field">
          <span id={`${id}-paper-label`}>{t('admin.printer.paper')}</span>
          <div className="segmented" role="radiogroup" aria-labelledby={`${id}-paper-label`}>
            {([58, 80] as const).map((w) => (
              <button
                key={w}
                type="button"
                role="radio"
                aria-checked={f.paper_width_mm === w}
                className={`btn ${f.paper_width_mm === w ? 'option-on' : ''}`}
                onClick={() => set({ paper_width_mm: w })}
                data-testid={`station-paper-${view.station}-${w}`}
              >
                {t('admin.printer.mm', { width: w })}
              </button>
            ))}
          </div>
        </div>
        {save.error && (
          <p className="notice notice-error wide" role="alert" data-testid={`station-error-${view.station}`}>
            {errorText(save.error)}
          </p>
        )}
        <div className="row wrap wide">
          <Button type="submit" variant="primary" disabled={save.isPending} data-testid={`station-save-${view.station}`}>
            {t('admin.save')}
          </Button>
          <Button
            onClick={() => test.mutate(view.station)}
            disabled={test.isPending || !view.status.configured}
            data-testid={`station-test-${view.station}`}
          >
            {t('admin.printer.test')}
          </Button>
        </div>
      </form>
      {test.data && (
        <p className="notice notice-success" role="status" data-testid={`station-test-result-${view.station}`}>
          {t('stationPrinters.testQueued')}
        </p>
      )}
      {test.error && (
        <p className="notice notice-error" role="alert">
          {errorText(test.error)}
        </p>
      )}
    </article>
  );
}
