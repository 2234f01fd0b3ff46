import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CashKind, Shift } from '../../api';
import { Button, Money, MoneyPad, entryToMinor, minorDigits, money, useApiErrorText, useFormatMoney, useToast } from '../../ui';
import { useCloseShift } from './api/close-shift';
import { useMoveShiftCash } from './api/move-shift-cash';
import { useOpenShift } from './api/open-shift';

/** An amount keyed on the cash pad (whole units first: 4, ",", 5 is 4.50), shown as money above the pad. */
function AmountPad({ label, digits, onDigits, currency, onEnter, testid }: { label: string; digits: string; onDigits: (d: string) => void; currency: string; onEnter: () => void; testid: string }) {
  const amount = entryToMinor(digits, minorDigits(currency));
  return (
    <div className="shift-pad stack">
      <p className="shift-pad-value" data-testid={`${testid}-value`} data-amount={amount}>
        <span>{label}</span>
        <Money value={money(amount, currency)} />
      </p>
      <MoneyPad value={digits} onChange={onDigits} onEnter={onEnter} label={label} currency={currency} testid={testid} />
    </div>
  );
}

/** Error text and the two buttons every shift form ends with. */
function FormActions({ error, onBack, backLabel, submit, disabled, variant = 'primary', testid }: { error: string | null; onBack: () => void; backLabel: string; submit: string; disabled: boolean; variant?: 'primary' | 'danger'; testid: string }) {
  return (
    <div className="shift-actions stack">
      {error && (
        <p className="notice notice-error" role="alert" data-testid="shift-error">
          {error}
        </p>
      )}
      <div className="row wrap">
        <Button onClick={onBack}>{backLabel}</Button>
        <Button type="submit" variant={variant} size="lg" disabled={disabled} data-testid={testid}>
          {submit}
        </Button>
      </div>
    </div>
  );
}

/** A form on the number pad: submits on the pad's Enter and on its submit button. */
function useAmountForm(currency: string, run: (amount: number) => Promise<unknown>, canSubmit: (amount: number) => boolean) {
  const errorText = useApiErrorText('shift.errors');
  const [digits, setDigits] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const amount = entryToMinor(digits, minorDigits(currency));
  const ready = !busy && canSubmit(amount);
  const submit = async () => {
    if (!ready) return;
    setBusy(true);
    setError(null);
    try {
      await run(amount);
    } catch (e) {
      setError(errorText(e));
      setBusy(false);
    }
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void submit();
  };
  return { digits, setDigits, amount, error, ready, submit, onSubmit };
}

/** No shift is open: the float counted into the drawer opens one. */
export function OpenShiftForm({ currency, onCancel }: { currency: string; onCancel: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const fmt = useFormatMoney();
  const { mutateAsync: openShift } = useOpenShift();
  const f = useAmountForm(
    currency,
    (a) => openShift(money(a, currency)).then((s) => toast(t('shift.openedToast', { amount: fmt(s.opening_float) }), 'success')),
    () => true,
  );
  return (
    <form className="shift-form" onSubmit={f.onSubmit}>
      <div className="shift-main stack">
        <p className="notice notice-warn">{t('shift.noneHint')}</p>
        <p>{t('shift.openExplain')}</p>
      </div>
      <AmountPad label={t('shift.float')} digits={f.digits} onDigits={f.setDigits} currency={currency} onEnter={() => void f.submit()} testid="float" />
      <FormActions error={f.error} onBack={onCancel} backLabel={t('common.cancel')} submit={t('shift.open')} disabled={!f.ready} testid="open-shift" />
    </form>
  );
}

/** Cash put into the drawer or taken out, with its reason. */
export function CashMoveForm({ kind, currency, onDone }: { kind: CashKind; currency: string; onDone: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const fmt = useFormatMoney();
  const { mutateAsync: move } = useMoveShiftCash();
  const [reason, setReason] = useState('');
  const f = useAmountForm(
    currency,
    async (a) => {
      await move({ kind, amount: money(a, currency), reason: reason.trim() });
      toast(t(`shift.move.${kind}Done`, { amount: fmt(money(a, currency)) }), 'success');
      onDone();
    },
    (a) => a > 0 && reason.trim() !== '',
  );
  return (
    <form className="shift-form" onSubmit={f.onSubmit}>
      <div className="shift-main stack">
        <label className="field">
          <span>{t('shift.move.reason')}</span>
          <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} autoFocus data-testid="cash-reason" />
        </label>
      </div>
      <AmountPad label={t('shift.move.amount')} digits={f.digits} onDigits={f.setDigits} currency={currency} onEnter={() => void f.submit()} testid="cash-amount" />
      <FormActions error={f.error} onBack={onDone} backLabel={t('common.back')} submit={t(kind === 'in' ? 'shift.cashIn' : 'shift.cashOut')} disabled={!f.ready} testid="cash-submit" />
    </form>
  );
}

/** The cash counted closes the shift (the count is keyed before the expected amount is shown). */
export function CloseShiftForm({ currency, onBack, onClosed }: { currency: string; onBack: () => void; onClosed: (s: Shift) => void }) {
  const { t } = useTranslation();
  const { mutateAsync: closeShift } = useCloseShift();
  const f = useAmountForm(currency, (a) => closeShift(money(a, currency)).then(onClosed), () => true);
  return (
    <form className="shift-form" onSubmit={f.onSubmit}>
      <div className="shift-main stack">
        <p>{t('shift.closeExplain')}</p>
      </div>
      <AmountPad label={t('shift.countedCash')} digits={f.digits} onDigits={f.setDigits} currency={currency} onEnter={() => void f.submit()} testid="counted" />
      <FormActions error={f.error} onBack={onBack} backLabel={t('common.back')} submit={t('shift.close')} disabled={!f.ready} variant="danger" testid="close-shift-confirm" />
    </form>
  );
}
