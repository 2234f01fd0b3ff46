import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, isoDay, addDays, Money, useApiErrorText, useToast } from '../../ui';
import { useDaily, useDownloadDailyCsv, usePaymentMethods, useShops, useTopItems } from './api/reports';
import type { HqMoney } from './api/types';
import { DayCharts, ItemsChart, MethodsChart } from './DashboardCharts';
import { HqLayout } from './HqLayout';
import { HQ_ERRORS } from './i18n';
import { overall, shopTotals } from './lib';
import { ShopFiguresTable, ShopsTable } from './ShopTables';

/** The owner's figures across shops for a range of business days, with the shops' state. */
export function DashboardPage() {
  const { t } = useTranslation();
  const errorText = useApiErrorText(HQ_ERRORS);
  const toast = useToast();
  const today = isoDay(new Date());
  const [from, setFrom] = useState(addDays(today, -6));
  const [to, setTo] = useState(today);
  const daily = useDaily(from, to);
  const items = useTopItems(from, to);
  const methods = usePaymentMethods(from, to);
  const shops = useShops();
  const csv = useDownloadDailyCsv();
  const days = daily.data?.days ?? [];
  const all = overall(days);
  const failed = [daily, items, methods, shops].find((q) => q.isError)?.error;

  const download = () =>
    csv.mutate(
      { from, to },
      { onError: (e) => toast(errorText(e), 'error') },
    );
  const money = (m: HqMoney | null): ReactNode => (m ? <Money value={m} /> : '—');
  const tiles: [string, ReactNode][] = [
    ['orders', String(all.orders)],
    ['revenue', money(all.revenue)],
    ['averageTicket', money(all.averageTicket)],
    ['refunds', money(all.refunds)],
    ['tips', money(all.tips)],
  ];
  return (
    <HqLayout title={t('hq.dashboard')}>
      <div className="reports">
        <form className="row wrap report-range" onSubmit={(e) => e.preventDefault()}>
          <label className="field">
            <span>{t('hq.dash.from')}</span>
            <input type="date" value={from} max={to} onChange={(e) => e.target.value && setFrom(e.target.value)} data-testid="hq-from" />
          </label>
          <label className="field">
            <span>{t('hq.dash.to')}</span>
            <input type="date" value={to} min={from} onChange={(e) => e.target.value && setTo(e.target.value)} data-testid="hq-to" />
          </label>
          <Button onClick={download} disabled={csv.isPending} data-testid="hq-csv">
            {t('hq.dash.csv')}
          </Button>
        </form>
        {failed && (
          <p className="notice notice-error" role="alert">
            {errorText(failed)}
          </p>
        )}
        {daily.data && (
          <>
            <div className="kpis">
              {tiles.map(([k, v]) => (
                <div key={k} className="kpi" data-testid={`kpi-${k}`}>
                  <span className="kpi-label">{t(`hq.dash.kpi.${k}`)}</span>
                  <span className="kpi-value">{v}</span>
                </div>
              ))}
            </div>
            {days.length > 0 && all.currency === null && <p className="notice notice-warn">{t('hq.dash.mixed')}</p>}
            {days.length === 0 && <p className="notice">{t('hq.dash.noSales')}</p>}
            <div className="charts">
              <DayCharts days={days} from={from} to={to} currency={all.currency} />
              <ItemsChart items={items.data?.items} />
              <MethodsChart methods={methods.data?.methods} />
            </div>
            <section className="hq-section panel" aria-labelledby="hq-by-shop">
              <h2 id="hq-by-shop">{t('hq.dash.byShop')}</h2>
              <ShopFiguresTable totals={shopTotals(days)} />
            </section>
          </>
        )}
        <section className="hq-section panel" aria-labelledby="hq-shops">
          <h2 id="hq-shops">{t('hq.shops.title')}</h2>
          {shops.data && <ShopsTable shops={shops.data.shops} />}
        </section>
        {daily.data && <p className="sr-only">{t('hq.dash.summaryText', { orders: all.orders, shops: shopTotals(days).length })}</p>}
      </div>
    </HqLayout>
  );
}
