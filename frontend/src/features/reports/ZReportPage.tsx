import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { ReportFormat } from '../../api';
import { printerStatusQueryOptions } from '../../api/queries/get-printer-status';
import { addDays, Button, isoDay, Layout, SessionMenu, useApiErrorText, useToast } from '../../ui';
import { canDownloadZReport, useDownloadZReport } from './api/download-z-report';
import { useZReport } from './api/get-z-report';
import { usePrintZReport } from './api/print-z-report';
import { ZReportView } from './ZReportView';
import './z-report.css';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The Z report of a business day (admin): the day is in `?date=` (today by default). */
export function ZReportPage() {
  const { t, i18n } = useTranslation();
  const toast = useToast();
  const errorText = useApiErrorText('reports.z.errors');
  const today = isoDay(new Date());
  const [params, setParams] = useSearchParams();
  const asked = params.get('date') ?? '';
  const date = DAY.test(asked) ? asked : today;
  const setDate = (d: string) => setParams({ date: d }, { replace: true });
  const q = useZReport(date);
  const printer = useQuery(printerStatusQueryOptions()).data;
  const download = useDownloadZReport();
  const print = usePrintZReport();
  const failed = (e: unknown) => toast(errorText(e), 'error');
  const save = (format: ReportFormat) => download.mutate({ date, format }, { onError: failed });
  const dayText = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'full' }).format(new Date(`${date}T12:00:00`));
  return (
    <Layout
      title={t('reports.z.title')}
      actions={
        <>
          <Link className="btn btn-ghost btn-md" to="/reports">{t('reports.z.dashboard')}</Link>
          <Link className="btn btn-ghost btn-md" to="/admin">{t('admin.title')}</Link>
          <SessionMenu />
        </>
      }
    >
      <div className="reports z-report">
        <form className="z-toolbar" onSubmit={(e) => e.preventDefault()}>
          <div className="z-day">
            <Button onClick={() => setDate(addDays(date, -1))} aria-label={t('reports.z.previous')} title={t('reports.z.previous')}>
              ‹
            </Button>
            <label className="field">
              <span>{t('reports.z.date')}</span>
              <input type="date" value={date} max={today} onChange={(e) => DAY.test(e.target.value) && setDate(e.target.value)} data-testid="z-date" />
            </label>
            <Button onClick={() => setDate(addDays(date, 1))} disabled={date >= today} aria-label={t('reports.z.next')} title={t('reports.z.next')}>
              ›
            </Button>
            {date !== today && <Button onClick={() => setDate(today)}>{t('reports.z.today')}</Button>}
          </div>
          <div className="z-files">
            {canDownloadZReport && (
              <>
                <Button onClick={() => save('csv')} disabled={download.isPending} data-testid="z-csv">
                  {t('reports.z.csv')}
                </Button>
                <Button onClick={() => save('pdf')} disabled={download.isPending} data-testid="z-pdf">
                  {t('reports.z.pdf')}
                </Button>
              </>
            )}
            {printer?.configured && (
              <Button
                onClick={() => print.mutate(date, { onSuccess: () => toast(t('reports.z.printedToast', { date: dayText }), 'success'), onError: failed })}
                disabled={print.isPending}
                data-testid="z-print"
              >
                {t('reports.z.print')}
              </Button>
            )}
          </div>
        </form>
        <h2 className="z-heading" data-testid="z-heading" data-date={q.data?.business_date}>
          {dayText}
        </h2>
        {q.isError && (
          <p className="notice notice-error" role="alert">
            {errorText(q.error)}
          </p>
        )}
        {q.isPending && <p>{t('common.loading')}</p>}
        {q.data && <ZReportView z={q.data} />}
      </div>
    </Layout>
  );
}
