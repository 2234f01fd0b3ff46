import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Order } from '../../api';
import { useOrderHistory } from './api/get-order-history';
import { OrdersView, type OrderActions } from './OrdersView';

/** Today as the counter PC's calendar has it (`YYYY-MM-DD`). */
export function localDate(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** Orders whose number starts with what was typed (all of them when nothing was). */
export function byNumber(orders: Order[], typed: string): Order[] {
  const q = typed.replace(/\D/g, '');
  return q ? orders.filter((o) => String(o.number).startsWith(q)) : orders;
}

/** A business day's orders, handed over and cancelled ones too: find one by number, reprint it, refund it. */
export function HistoryView({ actions }: { actions: OrderActions }) {
  const { t } = useTranslation();
  const [date, setDate] = useState(localDate);
  const [search, setSearch] = useState('');
  const history = useOrderHistory(date);
  const orders = byNumber(history.data?.orders ?? [], search);
  return (
    <div className="stack history">
      <div className="row wrap">
        <label className="field">
          <span>{t('counter.history.day')}</span>
          <input type="date" value={date} max={localDate()} onChange={(e) => e.target.value && setDate(e.target.value)} data-testid="history-date" />
        </label>
        <label className="field grow">
          <span>{t('counter.history.search')}</span>
          <input inputMode="numeric" value={search} onChange={(e) => setSearch(e.target.value)} placeholder={t('counter.history.searchExample')} data-testid="history-search" />
        </label>
      </div>
      {history.isPending ? <p>{t('common.loading')}</p> : <OrdersView orders={orders} actions={actions} />}
    </div>
  );
}
