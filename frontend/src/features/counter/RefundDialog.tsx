import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type Order, type PaymentMethod, type RefundRequest } from '../../api';
import { Button, Dialog, Money, MoneyPad, entryToMinor, minorDigits, minorToEntry, money, useApiErrorText, useFormatMoney } from '../../ui';
import { useRefundOrder } from './api/refund-order';
import { useAttemptKey } from './attempt';
import { ApprovalFields, approvalReady } from './ApprovalFields';
import { MethodPicker } from './MethodPicker';
import { amountPaid } from './payment';
import { amountHeld, isCancellable, linesRefundAmount, toRefundLines } from './refund';
import { RefundLines } from './RefundLines';

export interface Refunding {
  order: Order;
  /** Opened from "Cancel" on an order that holds money: refund and cancel is the main action. */
  cancel: boolean;
}

/** Give money back on a paid order, by amount or by lines, and optionally cancel it in the same step. */
export function RefundDialog({ refunding, onClose, onDone }: { refunding: Refunding | null; onClose: () => void; onDone: (o: Order, cancelled: boolean) => void }) {
  const { t } = useTranslation();
  const o = refunding?.order;
  const title = !o ? '' : refunding.cancel ? t('counter.refund.cancelTitle', { number: o.number }) : t('counter.refund.title', { number: o.number });
  return (
    <Dialog open={refunding !== null} title={title} onClose={onClose} wide>
      {refunding && <Body key={refunding.order.id} {...refunding} onClose={onClose} onDone={onDone} />}
    </Dialog>
  );
}

function Body({ order, cancel, onClose, onDone }: Refunding & { onClose: () => void; onDone: (o: Order, cancelled: boolean) => void }) {
  const { t } = useTranslation();
  const errorText = useApiErrorText('counter.errors');
  const { mutateAsync: refundOrder } = useRefundOrder();
  // One key per refund: sending the same refund again (after a lost answer) reuses it.
  const attempt = useAttemptKey();
  const held = amountHeld(order);
  const formatMoney = useFormatMoney();
  const currency = order.total.currency;
  const places = minorDigits(currency);
  const [by, setBy] = useState<'lines' | 'amount'>(cancel ? 'amount' : 'lines');
  const [digits, setDigits] = useState(cancel ? minorToEntry(held, places) : '');
  const [picked, setPicked] = useState<number[]>(() => order.lines.map(() => 0));
  const [method, setMethod] = useState<PaymentMethod>(order.payments.at(-1)?.method ?? 'cash');
  const [reason, setReason] = useState('');
  const [approval, setApproval] = useState<{ username: string; password: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const amount = by === 'lines' ? linesRefundAmount(order, picked) : entryToMinor(digits, places);
  const ready = !busy && amount > 0 && amount <= held && reason.trim() !== '' && approvalReady(approval);

  const submit = async (andCancel: boolean) => {
    if (!ready) return;
    setBusy(true);
    setError(null);
    const refund: RefundRequest = {
      amount: money(amount, currency),
      method,
      reason: reason.trim(),
      ...(by === 'lines' ? { lines: toRefundLines(picked) } : {}),
      ...(andCancel ? { cancel: true } : {}),
    };
    // The approval is not part of what makes two attempts the same.
    const idempotencyKey = attempt.keyFor([order.id, refund]);
    try {
      const done = await refundOrder({ id: order.id, refund: approval ? { ...refund, approval: { ...approval, username: approval.username.trim() } } : refund, idempotencyKey });
      attempt.done();
      onDone(done, andCancel);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'approval_required' && !approval) setApproval({ username: '', password: '' });
      else setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="refund">
      <div className="refund-main stack">
        {cancel && <p className="notice notice-warn">{t('counter.refund.cancelExplain')}</p>}
        <dl className="refund-sums">
          <div>
            <dt>{t('counter.paid')}</dt>
            <dd>
              <Money value={money(amountPaid(order), currency)} />
            </dd>
          </div>
          <div>
            <dt>{t('counter.refund.refundedBefore')}</dt>
            <dd>
              <Money value={order.refunded} />
            </dd>
          </div>
          <div>
            <dt>{t('counter.refund.refundable')}</dt>
            <dd data-testid="refundable" data-amount={held}>
              <Money value={money(held, currency)} />
            </dd>
          </div>
        </dl>
        <div className="segmented" role="radiogroup" aria-label={t('counter.refund.by')}>
          {(['lines', 'amount'] as const).map((b) => (
            <button key={b} type="button" role="radio" aria-checked={by === b} className={`btn ${by === b ? 'option-on' : ''}`} onClick={() => setBy(b)} data-testid={`refund-by-${b}`}>
              {t(`counter.refund.by_${b}`)}
            </button>
          ))}
        </div>
        {by === 'lines' ? (
          <RefundLines order={order} picked={picked} onChange={setPicked} />
        ) : (
          <div className="refund-amount-pad stack">
            <Button onClick={() => setDigits(minorToEntry(held, places))} data-testid="refund-all">
              {t('counter.refund.all')} <Money value={money(held, currency)} />
            </Button>
            <MoneyPad value={digits} onChange={setDigits} label={t('counter.refund.amount')} currency={currency} testid="refund-amount" />
          </div>
        )}
      </div>
      <div className="refund-side stack">
        <p className={`refund-total ${amount > held ? 'short' : ''}`} data-testid="refund-total" data-amount={amount}>
          {t('counter.refund.amount')}: <Money value={money(amount, currency)} />
        </p>
        {amount > held && <p className="notice notice-error">{t('counter.errors.refund_exceeds_paid', { left: formatMoney(money(held, currency)) })}</p>}
        <MethodPicker value={method} onChange={setMethod} label={t('counter.refund.method')} testid="refund-method" />
        <label className="field">
          <span>{t('counter.reason')}</span>
          <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} autoFocus={cancel} data-testid="refund-reason" />
        </label>
        {approval && <ApprovalFields approval={approval} onChange={setApproval} explain={t('counter.refund.approvalExplain')} />}
        {error && (
          <p className="notice notice-error" role="alert" data-testid="refund-error">
            {error}
          </p>
        )}
        <div className="row wrap refund-actions">
          <Button onClick={onClose}>{t('common.back')}</Button>
          <Button variant={cancel ? 'secondary' : 'primary'} onClick={() => void submit(false)} disabled={!ready} data-testid="refund-submit">
            {t('counter.refund.submit')}
          </Button>
          {isCancellable(order) && (
            <Button variant="danger" onClick={() => void submit(true)} disabled={!ready} data-testid="refund-cancel-submit">
              {t('counter.refund.submitCancel')}
            </Button>
          )}
        </div>
      </div>
    </div>
  );
}
