import { useTranslation } from 'react-i18next';
import { Money } from '../../ui';
import type { HqShop } from './api/types';
import type { ShopTotals } from './lib';

/** Each shop's figures over the range, as text (the charts' numbers, readable on a phone). */
export function ShopFiguresTable({ totals }: { totals: ShopTotals[] }) {
  const { t } = useTranslation();
  const k = (key: string) => t(`hq.dash.kpi.${key}`);
  return (
    <table className="admin-table cards" data-testid="hq-shop-figures">
      <thead>
        <tr>
          <th scope="col">{t('hq.dash.shop')}</th>
          {['orders', 'revenue', 'averageTicket', 'refunds', 'tips'].map((c) => (
            <th key={c} scope="col" className="num">
              {k(c)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {totals.map((s) => (
          <tr key={s.key} data-testid="hq-shop-figures-row" data-shop={s.name}>
            <th scope="row">{s.name}</th>
            <td className="num" data-label={k('orders')} data-testid="orders">{s.orders}</td>
            <td className="num" data-label={k('revenue')} data-testid="revenue"><Money value={s.revenue} /></td>
            <td className="num" data-label={k('averageTicket')}><Money value={s.averageTicket} /></td>
            <td className="num" data-label={k('refunds')} data-testid="refunds"><Money value={s.refunds} /></td>
            <td className="num" data-label={k('tips')} data-testid="tips"><Money value={s.tips} /></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A time from head office (RFC 3339) in the language, or `fallback`. */
export function useFormatTime(): (iso: string | null | undefined, fallback: string) => string {
  const { i18n } = useTranslation();
  const fmt = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (iso, fallback) => (iso ? fmt.format(new Date(iso)) : fallback);
}

/** Every shop: when it last sent, its orders all time, the menu version it runs. */
export function ShopsTable({ shops }: { shops: HqShop[] }) {
  const { t } = useTranslation();
  const time = useFormatTime();
  if (shops.length === 0) return <p className="hq-muted">{t('hq.shops.none')}</p>;
  return (
    <table className="admin-table cards" data-testid="hq-shops">
      <thead>
        <tr>
          <th scope="col">{t('hq.shops.name')}</th>
          <th scope="col">{t('hq.shops.lastSync')}</th>
          <th scope="col" className="num">{t('hq.shops.orders')}</th>
          <th scope="col" className="num">{t('hq.shops.menuVersion')}</th>
        </tr>
      </thead>
      <tbody>
        {shops.map((s) => (
          <tr key={s.id} data-testid="hq-shop-row" data-shop={s.name}>
            <th scope="row">{s.name}</th>
            <td data-label={t('hq.shops.lastSync')}>{time(s.last_sync_at, t('hq.shops.never'))}</td>
            <td className="num" data-label={t('hq.shops.orders')}>{s.orders}</td>
            <td className="num" data-label={t('hq.shops.menuVersion')} data-testid="menu-version">
              {s.menu_version ?? '—'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
