import { useTranslation } from 'react-i18next';
import type { Money as MoneyT, Order } from '../../api';
import { Button, Money } from '../../ui';
import { PaymentsList } from './PaymentsList';

/** The order is paid: its number, the change to give back now (from the last payment), the tips and every payment. */
export function PaidView({ order, change, onPrint, onClose }: { order: Order; change: MoneyT; onPrint: (o: Order) => void; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="paid stack" data-testid="paid">
      <p className="big-number" aria-label={t('counter.orderNumber', { number: order.number })} data-testid="paid-order-number" data-number={order.number}>
        #{order.number}
      </p>
      <p className="paid-line">{t('counter.paidInFull')}</p>
      <p className="change" data-testid="change-due">
        {t('counter.change')}: <Money value={change} />
      </p>
      {order.tips.amount > 0 && (
        <p className="paid-tips" data-testid="paid-tips">
          {t('counter.tip.total')}: <Money value={order.tips} />
        </p>
      )}
      {order.payments.length > 1 && <PaymentsList order={order} />}
      <div className="row wrap">
        <Button onClick={() => onPrint(order)} data-testid="print-receipt">
          {t('counter.printReceipt')}
        </Button>
        <Button variant="primary" size="lg" onClick={onClose} autoFocus data-testid="payment-done">
          {t('common.done')}
        </Button>
      </div>
    </div>
  );
}
