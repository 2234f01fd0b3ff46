import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useLiveCache } from '../../api/hooks';
import { Layout, Money, SessionMenu, StatusBadge } from '../../ui';
import { applyOrderEvent, useOrder } from './api/get-order';

/** "Your number is N", following the order until it is picked up. */
export function OrderStatusPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const status = useLiveCache(applyOrderEvent(id));
  const q = useOrder(id, status === 'online');
  const order = q.data;
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
          <p className="your-number-total">
            {t('cart.total')}: <Money value={order.total} />
            {!order.paid && <span> · {t('kiosk.payAtCounter')}</span>}
          </p>
          <Link to="/kiosk" className="btn btn-primary btn-xl">
            {t('kiosk.newOrder')}
          </Link>
        </div>
      ) : q.isError ? (
        <p className="notice notice-error">{t('errors.order')}</p>
      ) : (
        <p>{t('common.loading')}</p>
      )}
    </Layout>
  );
}
