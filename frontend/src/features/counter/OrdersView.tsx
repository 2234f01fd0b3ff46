import { useTranslation } from 'react-i18next';
import type { Order } from '../../api';
import { Button, Money, money } from '../../ui';
import { amountDue } from './payment';
import { amountHeld, isCancellable } from './refund';
import './accept.css';

export interface OrderActions {
  onPay: (o: Order) => void;
  onHandOver: (o: Order) => void;
  /** Cancel: an order that holds money is refunded and cancelled in one step. */
  onCancel: (o: Order) => void;
  onRefund: (o: Order) => void;
  onReceipt: (o: Order) => void;
  /** Accept a guest's order that waits for staff: the kitchen sees it from then on. */
  onAccept: (o: Order) => void;
}

/** Guests' orders that wait for staff to accept them, before the kitchen sees them. */
export function awaitingCount(orders: Order[]): number {
  return orders.filter((o) => o.awaiting_accept).length;
}

/** Newest first, those waiting for an accept above the rest. */
export function counterOrder(orders: Order[]): Order[] {
  const newest = [...orders].reverse();
  return [...newest.filter((o) => o.awaiting_accept), ...newest.filter((o) => !o.awaiting_accept)];
}

/** The counter's open orders, newest first (guests' orders waiting for an accept on top), with what was paid, tipped and refunded on each. */
export function OrdersView({ orders, actions }: { orders: Order[]; actions: OrderActions }) {
  const { t } = useTranslation();
  const waiting = awaitingCount(orders);
  return (
    <section className="recent" aria-label={t('counter.recentOrders')}>
      {orders.length === 0 && <p>{t('counter.noOrders')}</p>}
      {waiting > 0 && (
        <p className="notice awaiting-notice" role="status" data-testid="awaiting-notice">
          {t('tables.accept.waitingCount', { count: waiting })}
        </p>
      )}
      <ul className="order-rows">
        {counterOrder(orders).map((o) => (
          <OrderRow key={o.id} order={o} actions={actions} />
        ))}
      </ul>
    </section>
  );
}

function OrderRow({ order: o, actions }: { order: Order; actions: OrderActions }) {
  const { t } = useTranslation();
  const due = amountDue(o);
  const held = amountHeld(o);
  return (
    <li className={`order-row ${o.awaiting_accept ? 'awaiting' : ''}`} data-testid="order-row" data-number={o.number} data-status={o.status} data-awaiting={o.awaiting_accept ? 'true' : undefined}>
      <span className="order-row-number">#{o.number}</span>
      {o.awaiting_accept ? (
        <span className="pill awaiting" data-testid="awaiting-badge">{t('tables.accept.waiting')}</span>
      ) : (
        <span className={`pill state-${o.status}`}>{t(`kiosk.state.${o.status}`)}</span>
      )}
      <span className="order-row-type">
        {t(`order.types.${o.type}`)}
        {o.table ? ` · ${t('order.tableN', { table: o.table })}` : ''} · {t(`order.channels.${o.channel}`)}
      </span>
      <span className="order-row-total">
        <Money value={o.total} /> {o.paid ? <span className="pill paid">{t('counter.paid')}</span> : <span className="pill unpaid">{t('counter.unpaid')}</span>}
        {!o.paid && o.payments.length > 0 && (
          <span className="order-row-extra" data-testid="still-due">
            {t('counter.remaining')} <Money value={money(due, o.total.currency)} />
          </span>
        )}
        {o.tips.amount > 0 && (
          <span className="order-row-extra" data-testid="row-tips">
            {t('counter.tip.label')} <Money value={o.tips} />
          </span>
        )}
        {o.refunded.amount > 0 && (
          <span className="order-row-extra refunded" data-testid="refunded" data-amount={o.refunded.amount}>
            {t('counter.refund.refunded')} <Money value={o.refunded} />
          </span>
        )}
      </span>
      <span className="order-row-actions">
        {o.awaiting_accept && (
          <Button variant="primary" onClick={() => actions.onAccept(o)} aria-label={t('tables.accept.acceptNamed', { number: o.number })} data-testid="accept">
            {t('tables.accept.accept')}
          </Button>
        )}
        {!o.paid && due > 0 && (
          <Button variant="primary" onClick={() => actions.onPay(o)} data-testid="pay">
            {t('counter.pay')}
          </Button>
        )}
        {o.status === 'ready' && (
          <Button onClick={() => actions.onHandOver(o)} data-testid="hand-over">
            {t('counter.handOver')}
          </Button>
        )}
        {held > 0 && (
          <Button onClick={() => actions.onRefund(o)} data-testid="refund">
            {t('counter.refund.button')}
          </Button>
        )}
        {isCancellable(o) && (
          <Button variant="danger" onClick={() => actions.onCancel(o)} data-testid="cancel">
            {t('counter.cancel')}
          </Button>
        )}
        <Button variant="ghost" onClick={() => actions.onReceipt(o)}>
          {t('counter.receipt')}
        </Button>
      </span>
    </li>
  );
}
