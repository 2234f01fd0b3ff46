import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Button, Dialog, Money } from '../../ui';
import { useMyOrders } from './api/get-my-orders';
import { LoyaltyCard } from './LoyaltyCard';

/** A signed-in customer's order history. */
export function MyOrders() {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const q = useMyOrders(open);
  return (
    <>
      <button type="button" className="btn btn-ghost btn-md" onClick={() => setOpen(true)}>
        {t('account.history')}
      </button>
      <Dialog open={open} title={t('account.history')} onClose={() => setOpen(false)} footer={<Button onClick={() => setOpen(false)}>{t('common.done')}</Button>}>
        <LoyaltyCard enabled={open} />
        {q.isPending && <p>{t('common.loading')}</p>}
        {q.isError && <p className="notice notice-error">{t('errors.order')}</p>}
        {q.data && q.data.orders.length === 0 && <p>{t('account.noOrders')}</p>}
        <ul className="history">
          {q.data?.orders.map((o) => (
            <li key={o.id}>
              <Link to={`/kiosk/order/${o.id}`} onClick={() => setOpen(false)} className="history-row">
                <span className="history-number">#{o.number}</span>
                <span>{new Date(o.created_at).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' })}</span>
                <span>{t(`kiosk.state.${o.status}`)}</span>
                <Money value={o.total} />
              </Link>
            </li>
          ))}
        </ul>
      </Dialog>
    </>
  );
}
