import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CashKind, Shift } from '../../api';
import { Button, CashDifference, Dialog, Money, money, useApiErrorText, useToast } from '../../ui';
import { useCurrentShift } from './api/get-current-shift';
import { usePrintXReport } from './api/print-x-report';
import { CashMoveForm, CloseShiftForm, OpenShiftForm } from './ShiftForms';
import './shift.css';

/** The shift control in the counter's top bar: says when no shift is open. */
export function ShiftButton({ onClick }: { onClick: () => void }) {
  const { t } = useTranslation();
  const q = useCurrentShift();
  if (q.data === undefined) return null;
  const open = q.data !== null;
  return (
    <button type="button" className={`btn btn-md ${open ? 'btn-ghost' : 'shift-none'}`} onClick={onClick} title={open ? undefined : t('shift.noneHint')} data-testid="shift-button" data-open={open}>
      {open ? t('shift.button') : `⚠ ${t('shift.none')}`}
    </button>
  );
}

type View = { kind: 'report' } | { kind: 'move'; cash: CashKind } | { kind: 'close' } | { kind: 'closed'; shift: Shift };

/** Open a shift, move cash, see the X report, close with the count (then the difference). */
export function ShiftDialog({ open, ...rest }: { open: boolean; onClose: () => void; currency: string; canPrint: boolean }) {
  return open ? <Body {...rest} /> : null;
}

function Body({ onClose, currency, canPrint }: { onClose: () => void; currency: string; canPrint: boolean }) {
  const { t } = useTranslation();
  const q = useCurrentShift();
  const shiftErrorText = useApiErrorText('shift.errors');
  const [view, setView] = useState<View>({ kind: 'report' });
  const shift = q.data;
  const back = () => setView({ kind: 'report' });
  let title = t('shift.title');
  let body: ReactNode = <p>{t('common.loading')}</p>;
  if (view.kind === 'closed') {
    title = t('shift.closedTitle');
    body = <ShiftClosed shift={view.shift} onDone={onClose} />;
  } else if (shift === null) {
    title = t('shift.openTitle');
    body = <OpenShiftForm currency={currency} onCancel={onClose} />;
  } else if (shift && view.kind === 'move') {
    title = t(view.cash === 'in' ? 'shift.move.inTitle' : 'shift.move.outTitle');
    body = <CashMoveForm kind={view.cash} currency={shift.opening_float.currency} onDone={back} />;
  } else if (shift && view.kind === 'close') {
    title = t('shift.closeTitle');
    body = <CloseShiftForm currency={shift.opening_float.currency} onBack={back} onClosed={(s) => setView({ kind: 'closed', shift: s })} />;
  } else if (shift) {
    body = <XReport shift={shift} canPrint={canPrint} onView={setView} onClose={onClose} />;
  } else if (q.isError) {
    body = (
      <p className="notice notice-error" role="alert">
        {shiftErrorText(q.error)}
      </p>
    );
  }
  return (
    <Dialog open title={title} onClose={onClose} wide>
      {body}
    </Dialog>
  );
}

function Figure({ label, children, className = '', testid, amount }: { label: string; children: ReactNode; className?: string; testid?: string; amount?: number }) {
  return (
    <div className={className}>
      <dt>{label}</dt>
      <dd data-testid={testid} data-amount={amount}>
        {children}
      </dd>
    </div>
  );
}

/** The open shift so far: float, cash from sales, cash in and out, the cash the drawer should hold. */
function XReport({ shift, canPrint, onView, onClose }: { shift: Shift; canPrint: boolean; onView: (v: View) => void; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const toast = useToast();
  const errorText = useApiErrorText('shift.errors');
  const print = usePrintXReport();
  const c = shift.opening_float.currency;
  const sales = shift.expected_cash.amount - shift.opening_float.amount - shift.cash_in.amount + shift.cash_out.amount;
  const since = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(shift.opened_at));
  return (
    <div className="stack" data-testid="x-report">
      <dl className="shift-figures">
        <Figure label={t('shift.openSince')}>{since}</Figure>
        <Figure label={t('shift.float')} testid="x-float" amount={shift.opening_float.amount}>
          <Money value={shift.opening_float} />
        </Figure>
        <Figure label={t('shift.cashSales')} testid="x-sales" amount={sales}>
          <Money value={money(sales, c)} />
        </Figure>
        <Figure label={t('shift.cashIn')} testid="x-cash-in" amount={shift.cash_in.amount}>
          <Money value={shift.cash_in} />
        </Figure>
        <Figure label={t('shift.cashOut')} testid="x-cash-out" amount={shift.cash_out.amount}>
          <Money value={money(-shift.cash_out.amount, c)} />
        </Figure>
        <Figure label={t('shift.expectedSoFar')} className="shift-total" testid="x-expected" amount={shift.expected_cash.amount}>
          <Money value={shift.expected_cash} />
        </Figure>
      </dl>
      {print.error && (
        <p className="notice notice-error" role="alert">
          {errorText(print.error)}
        </p>
      )}
      <div className="row wrap shift-buttons">
        <Button onClick={() => onView({ kind: 'move', cash: 'in' })} data-testid="cash-in">
          {t('shift.cashIn')}
        </Button>
        <Button onClick={() => onView({ kind: 'move', cash: 'out' })} data-testid="cash-out">
          {t('shift.cashOut')}
        </Button>
        {canPrint && (
          <Button onClick={() => print.mutate(undefined, { onSuccess: () => toast(t('shift.printedToast'), 'success') })} disabled={print.isPending} data-testid="print-x-report">
            {t('shift.print')}
          </Button>
        )}
        <Button variant="danger" onClick={() => onView({ kind: 'close' })} data-testid="close-shift">
          {t('shift.close')}
        </Button>
        <Button variant="primary" onClick={onClose} className="shift-done">
          {t('common.done')}
        </Button>
      </div>
    </div>
  );
}

/** The closed shift: expected, counted and the difference, in red when cash is short. */
function ShiftClosed({ shift, onDone }: { shift: Shift; onDone: () => void }) {
  const { t } = useTranslation();
  const difference = shift.difference ?? money(0, shift.expected_cash.currency);
  const short = difference.amount < 0;
  return (
    <div className="stack" data-testid="shift-closed">
      <dl className="shift-figures shift-result">
        <Figure label={t('shift.expected')} testid="closed-expected" amount={shift.expected_cash.amount}>
          <Money value={shift.expected_cash} />
        </Figure>
        <Figure label={t('shift.counted')} testid="closed-counted" amount={shift.counted_cash?.amount}>
          {shift.counted_cash && <Money value={shift.counted_cash} />}
        </Figure>
        <Figure label={t('shift.difference')} className={`shift-total ${short ? 'shift-short' : ''}`}>
          <CashDifference value={difference} testid="closed-difference" />
        </Figure>
      </dl>
      <p className="hint">{t('shift.closedExplain')}</p>
      <div className="row">
        <Button variant="primary" size="lg" onClick={onDone} autoFocus data-testid="shift-done">
          {t('common.done')}
        </Button>
      </div>
    </div>
  );
}
