import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Money as MoneyT, Order, PaymentMethod, PaymentRequest } from '../../api';
import { Button, Dialog, Money, MoneyPad, entryToMinor, minorDigits, minorToEntry, money, useApiErrorText } from '../../ui';
import { useAddPayment } from './api/add-payment';
import { useAttemptKey } from './attempt';
import { MethodPicker } from './MethodPicker';
import { PaidView } from './PaidView';
import { PaymentsList } from './PaymentsList';
import { afterPayment, amountDue, partAmount, quickTenders, type Split } from './payment';
import { SplitPicker } from './SplitPicker';
import { TipButtons } from './TipButtons';

/**
 * Take payment for one order: the whole bill, equal parts or by items, each part
 * by cash (tendered amount and change), card or other, each with an optional tip.
 */
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
  const errorText = useApiErrorText('counter.errors');
  const { mutateAsync: addPayment } = useAddPayment();
  // One key per payment: a retry of the same payment (after a lost answer) reuses it.
  const attempt = useAttemptKey();
  const [order, setOrder] = useState(initial);
  const [split, setSplit] = useState<Split>({ kind: 'whole' });
  const [method, setMethod] = useState<PaymentMethod>('cash');
  const [digits, setDigits] = useState('');
  const [tipDigits, setTipDigits] = useState('');
  const [padFor, setPadFor] = useState<'tendered' | 'tip'>('tendered');
  const [lastChange, setLastChange] = useState<MoneyT | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const currency = order.total.currency;
  const places = minorDigits(currency);
  const m = (amount: number) => money(amount, currency);
  const due = amountDue(order);
  const amount = partAmount(split, order);
  const tip = entryToMinor(tipDigits, places);
  const tendered = entryToMinor(digits, places);
  const cash = method === 'cash';
  // What the customer hands over for this part: the amount and the tip.
  const owed = amount + tip;
  const change = tendered - owed;
  const target = cash ? padFor : 'tip';

  const pay = async () => {
    if (busy || amount <= 0) return;
    if (cash && tendered < owed) {
      setError(t('counter.tenderedTooLow'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const payment: PaymentRequest = {
        method,
        amount: m(amount),
        ...(cash ? { tendered: m(tendered) } : {}),
        ...(tip > 0 ? { tip: m(tip) } : {}),
      };
      const paid = await addPayment({ id: order.id, payment, idempotencyKey: attempt.keyFor([order.id, payment]) });
      attempt.done();
      setOrder(paid);
      setLastChange(paid.payments.at(-1)?.change_due ?? m(0));
      setSplit(afterPayment);
      setDigits('');
      setTipDigits('');
      setPadFor('tendered');
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  if (order.paid || due <= 0) return <PaidView order={order} change={lastChange ?? order.change_due} onPrint={onPrint} onClose={onClose} />;

  return (
    <div className="payment">
      <div className="payment-summary">
        <div className="payment-head">
          <p className="big-number" data-testid="payment-order-number" data-number={order.number}>
            #{order.number}
          </p>
          <p className="due" data-testid="remaining" data-amount={due}>
            {t('counter.remaining')}: <Money value={m(due)} />
          </p>
          {order.payments.length > 0 && (
            <p className="hint">
              {t('counter.total')} <Money value={order.total} />
            </p>
          )}
        </div>
        {lastChange && (
          <p className="notice notice-success" role="status" data-testid="part-paid">
            {lastChange.amount > 0 ? (
              <>
                {t('counter.partPaidChange')} <Money value={lastChange} />
              </>
            ) : (
              t('counter.partPaid')
            )}
          </p>
        )}
        <SplitPicker order={order} split={split} onChange={setSplit} />
        {split.kind !== 'whole' && (
          <p className="part-amount" data-testid="part-amount" data-amount={amount}>
            {t('counter.thisPayment')}: <Money value={m(amount)} />
          </p>
        )}
        <MethodPicker value={method} onChange={setMethod} label={t('counter.method')} testid="pay-method" />
        <TipButtons amount={amount} currency={currency} tip={tip} onTip={(v) => setTipDigits(minorToEntry(v, places))} />
        {cash && (
          <div className="row wrap">
            {quickTenders(owed).map((a, i) => (
              <Button key={a} onClick={() => setDigits(minorToEntry(a, places))} data-testid={`quick-cash-${i}`} data-amount={a}>
                <Money value={m(a)} />
              </Button>
            ))}
          </div>
        )}
        <PaymentsList order={order} />
      </div>
      <div className="payment-pad">
        <div className="segmented pad-targets">
          {cash && (
            <button type="button" className={`btn pad-target ${target === 'tendered' ? 'option-on' : ''}`} aria-pressed={target === 'tendered'} onClick={() => setPadFor('tendered')} data-testid="tendered">
              <span>{t('counter.tendered')}</span>
              <Money value={m(tendered)} />
            </button>
          )}
          <button type="button" className={`btn pad-target ${target === 'tip' ? 'option-on' : ''}`} aria-pressed={target === 'tip'} onClick={() => setPadFor('tip')} data-testid="tip">
            <span>{t('counter.tip.label')}</span>
            <Money value={m(tip)} />
          </button>
        </div>
        {tip > 0 && (
          <p className="pay-sum" data-testid="pay-sum">
            <Money value={m(amount)} /> + {t('counter.tip.label')} <Money value={m(tip)} /> = <Money value={m(owed)} />
          </p>
        )}
        {cash && (
          <p className={`change ${change < 0 ? 'short' : ''}`} data-testid="change-preview">
            {change >= 0 ? (
              <>
                {t('counter.change')}: <Money value={m(change)} />
              </>
            ) : (
              t('counter.enterTendered')
            )}
          </p>
        )}
        {target === 'tendered' ? (
          <MoneyPad value={digits} onChange={setDigits} onEnter={() => void pay()} label={t('counter.tendered')} currency={currency} testid="tendered" />
        ) : (
          <MoneyPad value={tipDigits} onChange={setTipDigits} onEnter={() => void pay()} label={t('counter.tip.label')} currency={currency} testid="tip" />
        )}
      </div>
      <div className="payment-actions stack">
        {error && (
          <p className="notice notice-error" role="alert">
            {error}
          </p>
        )}
        <div className="row">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button variant="primary" size="lg" onClick={() => void pay()} disabled={busy || amount <= 0 || (cash && tendered < owed)} data-testid="confirm-payment">
            {t('counter.confirmPayment')}
          </Button>
        </div>
      </div>
    </div>
  );
}
