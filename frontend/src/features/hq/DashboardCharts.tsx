import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Cell, Legend, Pie, PieChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { COLORS, Money, useChartMoney } from '../../ui';
import type { DayFigures, Items, Methods } from './api/types';
import { chartRows } from './lib';

/** An axis label of at most 18 characters (with an ellipsis when cut). */
function shortLabel(name: string): string {
  return name.length > 18 ? `${name.slice(0, 17)}…` : name;
}

/**
 * Revenue and orders by day, a bar per shop (the legend names the shops). Revenue only when
 * the shops sell in one currency: amounts in two are not drawn on one axis.
 */
export function DayCharts({ days, from, to, currency }: { days: DayFigures[]; from: string; to: string; currency: string | null }) {
  const { t } = useTranslation();
  const { full, axis } = useChartMoney(currency ?? 'EUR');
  const { rows, series } = chartRows(days, from, to);
  const bars = (what: 'revenue' | 'orders') =>
    series.map((s, i) => (
      <Bar key={s.key} dataKey={`${s.key}:${what}`} name={s.name} fill={COLORS[i % COLORS.length]} isAnimationActive={false} />
    ));
  return (
    <>
      {currency !== null && (
        <figure className="chart" data-testid="hq-chart-revenue">
          <figcaption>{t('hq.dash.revenueByDay')}</figcaption>
          <ResponsiveContainer width="100%" height={260}>
            <BarChart data={rows}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="day" />
              <YAxis tickFormatter={axis} width={70} />
              <Tooltip formatter={(v) => full(Number(v))} />
              <Legend />
              {bars('revenue')}
            </BarChart>
          </ResponsiveContainer>
        </figure>
      )}
      <figure className="chart" data-testid="hq-chart-orders">
        <figcaption>{t('hq.dash.ordersByDay')}</figcaption>
        <ResponsiveContainer width="100%" height={260}>
          <BarChart data={rows}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="day" />
            <YAxis allowDecimals={false} width={40} />
            <Tooltip />
            <Legend />
            {bars('orders')}
          </BarChart>
        </ResponsiveContainer>
      </figure>
    </>
  );
}

/** The best sellers across shops, by quantity. */
export function ItemsChart({ items }: { items: Items['items'] | undefined }) {
  const { t } = useTranslation();
  return (
    <figure className="chart" data-testid="hq-chart-items">
      <figcaption>{t('hq.dash.topItems')}</figcaption>
      {items && items.length === 0 && <p className="hq-muted">{t('hq.dash.noItems')}</p>}
      {items && items.length > 0 && (
        // One row per item, every one labelled (long names shortened; the tooltip has them whole).
        <ResponsiveContainer width="100%" height={Math.max(160, 32 * items.length + 40)}>
          <BarChart layout="vertical" data={items.map((i) => ({ name: i.name, quantity: i.quantity }))}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis type="number" allowDecimals={false} />
            <YAxis type="category" dataKey="name" width={130} interval={0} tickFormatter={shortLabel} />
            <Tooltip />
            <Bar dataKey="quantity" name={t('hq.dash.quantity')} fill={COLORS[2]} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      )}
    </figure>
  );
}

/**
 * Payments by method: a slice per method by amount (by count where shops sell in several
 * currencies, which one pie cannot add up), and the figures beside it.
 */
export function MethodsChart({ methods }: { methods: Methods['methods'] | undefined }) {
  const { t } = useTranslation();
  const currencies = new Set(methods?.map((m) => m.amount.currency));
  const one = currencies.size <= 1;
  const { major, full } = useChartMoney(methods?.[0]?.amount.currency ?? 'EUR');
  const name = (m: Methods['methods'][number]) =>
    t(`counter.methods.${m.method}`, { defaultValue: m.method }) + (one ? '' : ` (${m.amount.currency})`);
  const data = (methods ?? []).map((m) => ({ key: `${m.method}|${m.amount.currency}`, name: name(m), value: one ? major(m.amount) : m.payments }));
  const show = (v: unknown) => (one ? full(Number(v)) : String(v));
  return (
    <figure className="chart" data-testid="hq-chart-methods">
      <figcaption>{t('hq.dash.paymentMethods')}</figcaption>
      {methods && methods.length === 0 && <p className="hq-muted">{t('hq.dash.noPayments')}</p>}
      {methods && methods.length > 0 && (
        <>
          <ResponsiveContainer width="100%" height={240}>
            <PieChart>
              <Pie data={data} dataKey="value" nameKey="name" outerRadius={80} isAnimationActive={false} label={({ value }) => show(value)}>
                {data.map((d, i) => (
                  <Cell key={d.key} fill={COLORS[i % COLORS.length]} />
                ))}
              </Pie>
              <Legend />
              <Tooltip formatter={(v) => show(v)} />
            </PieChart>
          </ResponsiveContainer>
          <table className="admin-table cards" data-testid="hq-methods">
            <thead>
              <tr>
                <th scope="col">{t('hq.dash.paymentMethods')}</th>
                <th scope="col" className="num">{t('hq.dash.payments')}</th>
                <th scope="col" className="num">{t('hq.dash.amount')}</th>
                <th scope="col" className="num">{t('hq.dash.kpi.tips')}</th>
              </tr>
            </thead>
            <tbody>
              {methods.map((m) => (
                <tr key={`${m.method}|${m.amount.currency}`}>
                  <th scope="row">{name(m)}</th>
                  <td className="num" data-label={t('hq.dash.payments')}>{m.payments}</td>
                  <td className="num" data-label={t('hq.dash.amount')}><Money value={m.amount} /></td>
                  <td className="num" data-label={t('hq.dash.kpi.tips')}><Money value={m.tips} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </figure>
  );
}
