import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type Order } from '../../api';
import { Money } from '../../ui';
import { ReadyTime } from '../../ordering/ReadyTime';
import { FeedbackForm } from '../kiosk/FeedbackForm';
import type { GuestApi } from './guest-api';
import { useGuestOrder } from './guest-live';

/** What the guest reads about an order's state ("waiting for the staff", "being prepared", …). */
export function guestState(order: Pick<Order, 'status' | 'awaiting_accept'>): string {
  return order.awaiting_accept && order.status === 'placed' ? 'awaiting' : order.status;
}

function GuestOrder({ guest, id, live, table }: { guest: GuestApi; id: string; live: boolean; table: string }) {
  const { t } = useTranslation();
  const q = useGuestOrder(guest, id, live);
  const gone = q.error instanceof ApiError && (q.error.status === 403 || q.error.status === 404);
  // An order of an earlier session (or one removed) is no longer this phone's to follow.
  useEffect(() => {
    if (gone) guest.forget(id);
  }, [gone, guest, id]);
  const order = q.data;
  if (!order) return null;
  const state = guestState(order);
  return (
    <li className="guest-order" data-testid="guest-order" data-status={order.status} data-state={state}>
      <p className="guest-order-number">
        <span>{t('guest.number')}</span> <strong data-testid="guest-order-number">{order.number}</strong>
      </p>
      <p className={`order-state state-${order.status}`} role="status" aria-live="polite" data-testid="guest-order-state">
        {t(`guest.state.${state}`, { table })}
      </p>
      {state !== 'awaiting' && <ReadyTime order={order} />}
      <p className="guest-order-total">
        {t('cart.total')}: <Money value={order.total} />
        {!order.paid && order.status !== 'cancelled' && <span> · {t('guest.payAtCounter')}</span>}
      </p>
      <FeedbackForm order={order} leave={({ orderId, body }) => guest.leaveFeedback(orderId, body)} />
    </li>
  );
}

/** The orders placed from this phone at this table, newest first, each followed live. */
export function GuestOrders({ guest, ids, live, table }: { guest: GuestApi; ids: string[]; live: boolean; table: string }) {
  const { t } = useTranslation();
  return (
    <section className="guest-orders" aria-labelledby="guest-orders-title" data-testid="guest-orders">
      <h2 id="guest-orders-title">{t('guest.yourOrders')}</h2>
      <ul className="guest-order-list">
        {ids.map((id) => (
          <GuestOrder key={id} guest={guest} id={id} live={live} table={table} />
        ))}
      </ul>
    </section>
  );
}
