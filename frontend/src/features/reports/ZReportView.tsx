import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, Cell, LabelList, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { Money as MoneyT, ZReport } from '../../api';
import { COLORS, formatBps, Money, money, useChartMoney, useFormatMoney } from '../../ui';
import { ZShifts } from './ZShifts';

/** The figures of a Z report: sales, tax by rate, payments by method, open orders apart, the shifts. */
export function ZReportView({ z }: { z: ZReport }) {
  const { t } = useTranslation();
  const fmt = useFormatMoney();
  const c = z.net_sales.currency;
  const minus = (m: MoneyT) => money(-m.amount, m.currency);
  const tiles: [string, ReactNode, number, string?][] = [
    ['gross_sales', <Money value={z.gross_sales} />, z.gross_sales.amount],
    ['discounts', <Money value={minus(z.discounts)} />, z.discounts.amount],
    ['refunds', <Money value={minus(z.refunds)} />, z.refunds.amount],
    ['net_sales', <Money value={z.net_sales} />, z.net_sales.amount, 'kpi-main'],
    ['orders', String(z.orders), z.orders],
    ['tips', <Money value={z.tips} />, z.tips.amount],
    ['cancelled_orders', String(z.cancelled_orders), z.cancelled_orders],
  ];
  return (
    <>
      <section className="kpis" aria-label={t('reports.z.figures')}>
        {tiles.map(([k, v, n, cls]) => (
          <div key={k} className={`kpi ${cls ?? ''}`} data-testid={`z-${k}`} data-value={n}>
            <span className="kpi-label">{t(`reports.z.${k}`)}</span>
            <span className="kpi-value">{v}</span>
          </div>
        ))}
      </section>
      {z.open_orders > 0 ? (
        <p className="notice notice-warn" data-testid="z-open" data-count={z.open_orders} data-amount={z.open_amount.amount}>
          {t('reports.z.open', { count: z.open_orders, amount: fmt(z.open_amount) })}
        </p>
      ) : (
        <p className="hint" data-testid="z-open" data-count={0}>
          {t('reports.z.noOpen')}
        </p>
      )}
      <div className="z-columns">
        <TaxTable z={z} />
        <PaymentsChart z={z} currency={c} />
      </div>
      <ZShifts shifts={z.shifts} />
    </>
  );
}

/** Net, tax and gross of each rate, with their sums. */
function TaxTable({ z }: { z: ZReport }) {
  const { t, i18n } = useTranslation();
  const c = z.net_sales.currency;
  const sum = (f: (l: ZReport['tax'][number]) => number) => z.tax.reduce((a, l) => a + f(l), 0);
  return (
    <section className="panel z-tax" aria-labelledby="z-tax-h">
      <h2 id="z-tax-h">{t('reports.z.tax')}</h2>
      {z.tax.length === 0 ? (
        <p className="hint">{t('reports.z.noTax')}</p>
      ) : (
        <table className="admin-table">
          <thead>
            <tr>
              <th scope="col">{t('reports.z.rate')}</th>
              <th scope="col" className="num">{t('reports.z.net')}</th>
              <th scope="col" className="num">{t('reports.z.taxAmount')}</th>
              <th scope="col" className="num">{t('reports.z.gross')}</th>
            </tr>
          </thead>
          <tbody>
            {z.tax.map((l) => (
              <tr key={l.rate} data-testid="z-tax-line" data-rate={l.rate} data-tax={l.tax.amount}>
                <th scope="row">{formatBps(l.rate, i18n.language)} %</th>
                <td className="num"><Money value={l.net} /></td>
                <td className="num"><Money value={l.tax} /></td>
                <td className="num"><Money value={money(l.net.amount + l.tax.amount, c)} /></td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="z-sum">
              <th scope="row">{t('reports.z.total')}</th>
              <td className="num"><Money value={money(sum((l) => l.net.amount), c)} /></td>
              <td className="num"><Money value={money(sum((l) => l.tax.amount), c)} /></td>
              <td className="num"><Money value={money(sum((l) => l.net.amount + l.tax.amount), c)} /></td>
            </tr>
          </tfoot>
        </table>
      )}
    </section>
  );
}

/** One bar per payment method, labelled with its amount (exact, from minor units). */
function PaymentsChart({ z, currency }: { z: ZReport; currency: string }) {
  const { t } = useTranslation();
  const fmt = useFormatMoney();
  const { major } = useChartMoney(currency);
  const data = z.payments.map((p) => ({ name: t(`counter.methods.${p.method}`, { defaultValue: p.method }), value: major(p.amount), label: fmt(p.amount) }));
  return (
    <figure className="chart z-payments" aria-labelledby="z-pay-h">
      <figcaption id="z-pay-h">{t('reports.z.payments')}</figcaption>
      {data.length === 0 ? (
        <p className="hint">{t('reports.z.noPayments')}</p>
      ) : (
        <ResponsiveContainer width="100%" height={44 * data.length + 24}>
          <BarChart layout="vertical" data={data} margin={{ top: 4, right: 96, bottom: 4, left: 4 }}>
            <XAxis type="number" hide />
            <YAxis type="category" dataKey="name" width={80} tickLine={false} />
            <Bar dataKey="value" isAnimationActive={false} barSize={28}>
              {data.map((d, i) => (
                <Cell key={d.name} fill={COLORS[i % COLORS.length]} />
              ))}
              <LabelList dataKey="label" position="right" fill="#14100c" />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      )}
      <ul className="sr-only">
        {z.payments.map((p, i) => (
          <li key={p.method} data-testid="z-payment" data-method={p.method} data-amount={p.amount.amount}>
            {data[i]!.name}: {data[i]!.label}
          </li>
        ))}
      </ul>
    </figure>
  );
}
