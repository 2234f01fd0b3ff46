import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useLiveCache, useSession } from '../../api/hooks';
import { useSettings } from '../../api/queries/get-settings';
import { Layout, Money, SessionMenu, StatusBadge } from '../../ui';
import { ReadyTime } from '../../ordering/ReadyTime';
import { applyOrderEvent, useOrder } from './api/get-order';
import { FeedbackForm } from './FeedbackForm';
import { returnSeconds } from './return-after';
import { useIdleReturn } from './useIdleReturn';

/**
 * "Your number is N", following the order until it is picked up. On a kiosk it returns to
 * the menu after a short idle time, so the next customer never sees this number; a
 * customer's own phone stays on it.
 */
export function OrderStatusPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const status = useLiveCache(applyOrderEvent(id));
  const q = useOrder(id, status === 'online');
  const order = q.data;
  const kiosk = useSession()?.role === 'kiosk';
  const settings = useSettings().data;
  const left = useIdleReturn(kiosk ? returnSeconds(localStorage, settings) : null, '/kiosk');
  return (
    <Layout title={t('kiosk.yourOrder')} actions={<><StatusBadge status={status} /><SessionMenu /></>} className="order-status">
      {order ? (
        <div className="your-number" data-testid="your-number" data-status={order.status}>
          <p className="your-number-label">{t('kiosk.yourNumberIs')}</p>
          <p className="your-number-value" data-testid="order-number">
            {order.number}
          </p>
          <p className={`order-state state-${order.status}`} role="status" aria-live="polite" data-testid="order-state">
            {t(`kiosk.state.${order.status}`)}
          </p>
          <ReadyTime order={order} />
          <p className="your-number-total">
            {t('cart.total')}: <Money value={order.total} />
            {!order.paid && <span> · {t('kiosk.payAtCounter')}</span>}
          </p>
          <FeedbackForm key={order.id} order={order} />
          <Link to="/kiosk" className="btn btn-primary btn-xl">
            {t('kiosk.newOrder')}
          </Link>
          {left !== null && (
            <p className="hint" data-testid="return-countdown" data-seconds={left}>
              {t('kiosk.returnIn', { count: left })}
            </p>
          )}
        </div>
      ) : q.isError ? (
        <p className="notice notice-error">{t('errors.order')}</p>
      ) : (
        <p>{t('common.loading')}</p>
      )}
    </Layout>
  );
}
