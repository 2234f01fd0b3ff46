import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Bar, BarChart, CartesianGrid, Cell, Legend, Pie, PieChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ApiError } from '../../api';
import { Button, COLORS, isoDay, Layout, Money, saveFile, SessionMenu, useApiErrorText, useChartMoney, useFormatMoney, useToast } from '../../ui';
import { useExportOrdersCsv } from './api/export-orders-csv';
import { useSummary } from './api/get-summary';

/** Sales dashboard for a date range (admin): KPI tiles, charts and a CSV export. */
export function ReportsPage() {
  const { t } = useTranslation();
  const errorText = useApiErrorText('reports.errors');
  const toast = useToast();
  const fmt = useFormatMoney();
  const today = isoDay(new Date());
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);
  const q = useSummary(from, to);
  const { mutateAsync: ordersCsv } = useExportOrdersCsv();
  const s = q.data;
  const { major, full: fullMoney, axis: axisMoney } = useChartMoney(s?.revenue.currency ?? 'EUR');

  const exportCsv = async () => {
    try {
      const csv = await ordersCsv({ from, to });
      saveFile(new Blob([csv], { type: 'text/csv' }), `crema-orders-${from}-${to}.csv`);
    } catch (e) {
      toast(errorText(e), 'error');
    }
  };

  const tiles: [string, ReactNode][] = s
    ? [
        ['orders', String(s.orders)],
        ['revenue', <Money key="r" value={s.revenue} />],
        ['averageTicket', <Money key="a" value={s.average_ticket} />],
        ['discounts', <Money key="d" value={s.discounts} />],
        ['returningCustomers', String(s.returning_customers)],
        ['newCustomers', String(s.new_customers ?? 0)],
      ]
    : [];
  return (
    <Layout
      title={t('reports.title')}
      actions={
        <>
          <Link className="btn btn-ghost btn-md" to={`/reports/z?date=${to}`} data-testid="z-report-link">{t('reports.z.link')}</Link>
          <Link className="btn btn-ghost btn-md" to="/admin">{t('admin.title')}</Link>
          <SessionMenu />
        </>
      }
    >
      <div className="reports">
        <form className="row wrap report-range" onSubmit={(e) => e.preventDefault()}>
          <label className="field">
            <span>{t('reports.from')}</span>
            <input type="date" value={from} max={to} onChange={(e) => setFrom(e.target.value)} />
          </label>
          <label className="field">
            <span>{t('reports.to')}</span>
            <input type="date" value={to} min={from} onChange={(e) => setTo(e.target.value)} />
          </label>
          <Button onClick={() => void exportCsv()}>{t('reports.exportCsv')}</Button>
        </form>
        {q.isError && <p className="notice notice-error">{q.error instanceof ApiError ? errorText(q.error) : t('reports.failed')}</p>}
        {s && (
          <>
            <div className="kpis">
              {tiles.map(([k, v]) => (
                <div key={k} className="kpi" data-testid={`kpi-${k}`}>
                  <span className="kpi-label">{t(`reports.kpi.${k}`)}</span>
                  <span className="kpi-value">{v}</span>
                </div>
              ))}
            </div>
            <div className="charts">
              <figure className="chart">
                <figcaption>{t('reports.byHour')}</figcaption>
                <ResponsiveContainer width="100%" height={240}>
                  <BarChart data={s.by_hour.map((b) => ({ hour: `${b.hour}`, revenue: major(b.revenue), orders: b.orders }))}>
                    <CartesianGrid strokeDasharray="3 3" />
                    <XAxis dataKey="hour" />
                    <YAxis tickFormatter={axisMoney} width={70} />
                    <Tooltip formatter={(v) => fullMoney(Number(v))} />
                    <Bar dataKey="revenue" name={t('reports.kpi.revenue')} fill={COLORS[0]} isAnimationActive={false} />
                  </BarChart>
                </ResponsiveContainer>
              </figure>
              <figure className="chart">
                <figcaption>{t('reports.byDay')}</figcaption>
                <ResponsiveContainer width="100%" height={240}>
                  <BarChart data={(s.by_day ?? []).map((b) => ({ day: b.date.slice(5), revenue: major(b.revenue) }))}>
                    <CartesianGrid strokeDasharray="3 3" />
                    <XAxis dataKey="day" />
                    <YAxis tickFormatter={axisMoney} width={70} />
                    <Tooltip formatter={(v) => fullMoney(Number(v))} />
                    <Bar dataKey="revenue" name={t('reports.kpi.revenue')} fill={COLORS[1]} isAnimationActive={false} />
                  </BarChart>
                </ResponsiveContainer>
              </figure>
              <figure className="chart">
                <figcaption>{t('reports.topItems')}</figcaption>
                {/* One row per item, every one labelled (long names shortened; the tooltip has them whole). */}
                <ResponsiveContainer width="100%" height={Math.max(160, 32 * s.top_items.length + 40)}>
                  <BarChart layout="vertical" data={s.top_items.map((i) => ({ name: i.name, quantity: i.quantity }))}>
                    <CartesianGrid strokeDasharray="3 3" />
                    <XAxis type="number" allowDecimals={false} />
                    <YAxis type="category" dataKey="name" width={130} interval={0} tickFormatter={shortLabel} />
                    <Tooltip />
                    <Bar dataKey="quantity" name={t('reports.quantity')} fill={COLORS[2]} isAnimationActive={false} />
                  </BarChart>
                </ResponsiveContainer>
              </figure>
              <figure className="chart">
                <figcaption>{t('reports.paymentMethods')}</figcaption>
                <ResponsiveContainer width="100%" height={240}>
                  <PieChart>
                    <Pie
                      data={(s.payment_methods ?? []).map((m) => ({ name: t(`counter.methods.${m.method}`, { defaultValue: m.method }), value: major(m.amount) }))}
                      dataKey="value"
                      nameKey="name"
                      outerRadius={80}
                      isAnimationActive={false}
                      label={({ value }) => fullMoney(Number(value))}
                    >
                      {(s.payment_methods ?? []).map((m, i) => (
                        <Cell key={m.method} fill={COLORS[i % COLORS.length]} />
                      ))}
                    </Pie>
                    <Legend />
                    <Tooltip formatter={(v) => fullMoney(Number(v))} />
                  </PieChart>
                </ResponsiveContainer>
              </figure>
              <figure className="chart">
                <figcaption>{t('reports.customers')}</figcaption>
                <ResponsiveContainer width="100%" height={240}>
                  <PieChart>
                    <Pie
                      data={[
                        { name: t('reports.kpi.newCustomers'), value: s.new_customers ?? 0 },
                        { name: t('reports.kpi.returningCustomers'), value: s.returning_customers },
                      ]}
                      dataKey="value"
                      nameKey="name"
                      outerRadius={80}
                      isAnimationActive={false}
                      label
                    >
                      <Cell fill={COLORS[1]} />
                      <Cell fill={COLORS[0]} />
                    </Pie>
                    <Legend />
                    <Tooltip />
                  </PieChart>
                </ResponsiveContainer>
              </figure>
            </div>
            <p className="sr-only">{t('reports.summaryText', { orders: s.orders, revenue: fmt(s.revenue) })}</p>
          </>
        )}
      </div>
    </Layout>
  );
}

/** An axis label of at most 18 characters (with an ellipsis when cut). */
export function shortLabel(name: string): string {
  return name.length > 18 ? `${name.slice(0, 17)}…` : name;
}
