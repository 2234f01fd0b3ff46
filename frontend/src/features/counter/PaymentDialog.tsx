import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, newIdempotencyKey, type Order, type PaymentMethod, type PaymentRequest } from '../../api';
import { Button, Dialog, Money, NumberPad, digitsToMinor } from '../../ui';
import { useAddPayment } from './api/add-payment';
import { amountDue, quickTenders } from './payment';

/** Take payment for one order: cash with tendered amount and change, card, or other. */
export function PaymentDialog({ order, onClose, onPrint }: { order: Order | null; onClose: () => void; onPrint: (o: Order) => void }) {
  const { t } = useTranslation();
  return (
    <Dialog open={order !== null} title={order ? t('counter.payOrder', { number: order.number }) : ''} onClose={onClose} wide>
      {order && <Body key={order.id} order={order} onClose={onClose} onPrint={onPrint} />}
    </Dialog>
  );
}

function Body({ order: initial, onClose, onPrint }: { order: Order; onClose: () => void; onPrint: (o: Order) => void }) {
  const { t } = useTranslation();
  const { mutateAsync: addPayment } = useAddPayment();
  const [order, setOrder] = useState(initial);
  const [method, setMethod] = useState<PaymentMethod>('cash');
  const [digits, setDigits] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // One key per payment: a retry of the same payment (after a lost answer)
  // reuses it, so the server records the payment once.
  const attempt = useRef<{ body: string; key: string } | null>(null);
  const currency = order.total.currency;
  const due = amountDue(order);
  const tendered = digitsToMinor(digits);
  const change = tendered - due;

  const pay = async () => {
    if (busy || due <= 0) return;
    if (method === 'cash' && tendered < due) {
      setError(t('counter.tenderedTooLow'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const payment: PaymentRequest = {
        method,
        amount: { amount: due, currency },
        ...(method === 'cash' ? { tendered: { amount: tendered, currency } } : {}),
      };
      const body = JSON.stringify([order.id, payment]);
      if (attempt.current?.body !== body) attempt.current = { body, key: newIdempotencyKey() };
      const paid = await addPayment({ id: order.id, payment, idempotencyKey: attempt.current.key });
      attempt.current = null;
      setOrder(paid);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  if (order.paid || due <= 0) {
    return (
      <div className="paid stack" data-testid="paid">
        <p className="big-number" aria-label={t('counter.orderNumber', { number: order.number })} data-testid="paid-order-number" data-number={order.number}>
          #{order.number}
        </p>
        <p className="paid-line">{t('counter.paidInFull')}</p>
        <p className="change" data-testid="change-due">
          {t('counter.change')}: <Money value={order.change_due} />
        </p>
        <div className="row">
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

  return (
    <div className="payment">
      <div className="payment-summary">
        <p className="big-number" data-testid="payment-order-number" data-number={order.number}>
          #{order.number}
        </p>
        <p className="due">
          {t('counter.due')}: <Money value={{ amount: due, currency }} />
        </p>
        <div className="segmented" role="radiogroup" aria-label={t('counter.method')}>
          {(['cash', 'card', 'other'] as const).map((m) => (
            <button key={m} type="button" role="radio" aria-checked={method === m} className={`btn ${method === m ? 'option-on' : ''}`} onClick={() => setMethod(m)} data-testid={`pay-method-${m}`}>
              {t(`counter.methods.${m}`)}
            </button>
          ))}
        </div>
        {method === 'cash' && (
          <>
            <p className="tendered" data-testid="tendered">
              {t('counter.tendered')}: <Money value={{ amount: tendered, currency }} />
            </p>
            <p className={`change ${change < 0 ? 'short' : ''}`} data-testid="change-preview">
              {change >= 0 ? (
                <>
                  {t('counter.change')}: <Money value={{ amount: change, currency }} />
                </>
              ) : (
                t('counter.enterTendered')
              )}
            </p>
            <div className="row wrap">
              {quickTenders(due).map((a, i) => (
                <Button key={a} onClick={() => setDigits(String(a))} data-testid={`quick-cash-${i}`} data-amount={a}>
                  <Money value={{ amount: a, currency }} />
                </Button>
              ))}
            </div>
          </>
        )}
        {error && (
          <p className="notice notice-error" role="alert">
            {error}
          </p>
        )}
        <div className="row">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button variant="primary" size="lg" onClick={() => void pay()} disabled={busy || (method === 'cash' && tendered < due)} data-testid="confirm-payment">
            {t('counter.confirmPayment')}
          </Button>
        </div>
      </div>
      {method === 'cash' && <NumberPad value={digits} onChange={setDigits} onEnter={() => void pay()} label={t('counter.tendered')} testid="tendered" />}
    </div>
  );
}
