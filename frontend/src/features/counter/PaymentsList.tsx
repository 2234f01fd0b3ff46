import { useTranslation } from 'react-i18next';
import type { Order } from '../../api';
import { Money } from '../../ui';

/** The payments taken on an order: method, amount, tip and change of each. */
export function PaymentsList({ order }: { order: Order }) {
  const { t } = useTranslation();
  if (order.payments.length === 0) return null;
  return (
    <div className="payments">
      <h3 className="payments-title">{t('counter.paymentsTaken')}</h3>
      <ul className="payments-list" data-testid="payments">
        {order.payments.map((p) => (
          <li key={p.id} className="payments-line" data-testid="payment-line" data-method={p.method}>
            <span className="payments-method">{t(`counter.methods.${p.method}`)}</span>
            <Money value={p.amount} />
            {p.tip.amount > 0 && (
              <span className="payments-extra">
                {t('counter.tip.label')} <Money value={p.tip} />
              </span>
            )}
            {p.change_due.amount > 0 && (
              <span className="payments-extra">
                {t('counter.change')} <Money value={p.change_due} />
              </span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
