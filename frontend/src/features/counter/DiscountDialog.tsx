import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type Approval, type ManualDiscountRequest, type PlaceOrder } from '../../api';
import { Button, Dialog, MoneyPad, entryToMinor, minorDigits, minorToEntry, useApiErrorText } from '../../ui';
import { formatBps } from '../../ui/decimal';
import { ApprovalFields, approvalReady } from './ApprovalFields';
import { draftToDiscount, PERCENT_SHORTCUTS, type DiscountDraft } from './discount';

/** Reasons offered with one tap (a reason can also be typed). */
const REASONS = ['staff', 'regular', 'complaint', 'damaged'] as const;

/**
 * A manual discount on the sale being rung up: a percentage or an amount, with a reason.
 * The server decides whether it is above what this cashier may give alone; then an admin
 * approves it here with their username and password before it is applied.
 */
export function DiscountDialog({
  open,
  sale,
  currency,
  current,
  onApply,
  onRemove,
  onClose,
}: {
  open: boolean;
  /** The sale as it would be placed now, without a discount (to check the discount against). */
  sale: PlaceOrder | null;
  currency: string;
  current: ManualDiscountRequest | null;
  onApply: (d: ManualDiscountRequest) => void;
  onRemove: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Dialog open={open} title={t('counter.discount.title')} onClose={onClose}>
      {open && sale && <Body sale={sale} currency={currency} current={current} onApply={onApply} onRemove={onRemove} onClose={onClose} />}
    </Dialog>
  );
}

function Body({ sale, currency, current, onApply, onRemove, onClose }: { sale: PlaceOrder; currency: string; current: ManualDiscountRequest | null; onApply: (d: ManualDiscountRequest) => void; onRemove: () => void; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const errorText = useApiErrorText('counter.errors');
  const places = minorDigits(currency);
  const [draft, setDraft] = useState<DiscountDraft>(() => ({
    by: current?.amount ? 'amount' : 'percent',
    value: current?.basis_points ? formatBps(current.basis_points, i18n.language) : '',
    reason: current?.reason ?? '',
  }));
  const [digits, setDigits] = useState(current?.amount ? minorToEntry(current.amount.amount, places) : '');
  const [approval, setApproval] = useState<Approval | null>(current?.approval ?? null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const parsed = draftToDiscount(draft, entryToMinor(digits, places), currency, i18n.language);
  const set = (patch: Partial<DiscountDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setError(null);
  };

  const apply = async () => {
    if (!parsed.ok || busy || !approvalReady(approval)) return;
    const discount: ManualDiscountRequest = approval ? { ...parsed.discount, approval: { ...approval, username: approval.username.trim() } } : parsed.discount;
    setBusy(true);
    setError(null);
    try {
      // The server prices it and says whether an admin must approve it (and checks an approval given).
      const quote = await api.quoteOrder({ ...sale, manual_discount: discount });
      if (quote.approval_needed && !approval) setApproval({ username: '', password: '' });
      else onApply(quote.approval_needed ? discount : parsed.discount);
    } catch (e) {
      setError(e instanceof ApiError && e.code === 'discount_approval_required' && approval ? t('counter.discount.approvalWrong') : errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="discount stack">
      <div className="segmented" role="radiogroup" aria-label={t('counter.discount.by')}>
        {(['percent', 'amount'] as const).map((b) => (
          <button key={b} type="button" role="radio" aria-checked={draft.by === b} className={`btn ${draft.by === b ? 'option-on' : ''}`} onClick={() => set({ by: b })} data-testid={`discount-by-${b}`}>
            {t(`counter.discount.by_${b}`)}
          </button>
        ))}
      </div>
      {draft.by === 'percent' ? (
        <>
          <div className="discount-shortcuts">
            {PERCENT_SHORTCUTS.map((p) => (
              <Button key={p} className={draft.value === String(p) ? 'option-on' : ''} onClick={() => set({ value: String(p) })} data-testid={`discount-percent-${p}`}>
                {p} %
              </Button>
            ))}
          </div>
          <label className="field">
            <span>{t('counter.discount.percent')}</span>
            <input value={draft.value} onChange={(e) => set({ value: e.target.value })} inputMode="decimal" aria-invalid={!parsed.ok && parsed.problems.includes('value') && draft.value !== ''} data-testid="discount-percent" />
          </label>
        </>
      ) : (
        <MoneyPad value={digits} onChange={(v) => { setDigits(v); setError(null); }} label={t('counter.discount.amount')} currency={currency} testid="discount-amount" keyboard={false} />
      )}
      <div className="discount-reasons">
        {REASONS.map((r) => (
          <Button key={r} onClick={() => set({ reason: t(`counter.discount.reasons.${r}`) })} data-testid={`discount-reason-${r}`}>
            {t(`counter.discount.reasons.${r}`)}
          </Button>
        ))}
      </div>
      <label className="field">
        <span>{t('counter.reason')}</span>
        <input value={draft.reason} onChange={(e) => set({ reason: e.target.value })} maxLength={200} data-testid="discount-reason" />
      </label>
      {approval && (
        <ApprovalFields
          approval={approval}
          onChange={(a) => {
            setApproval(a);
            setError(null);
          }}
          explain={t('counter.discount.approvalExplain')}
        />
      )}
      {error && (
        <p className="notice notice-error" role="alert" data-testid="discount-error">
          {error}
        </p>
      )}
      <div className="row wrap">
        {current && (
          <Button onClick={onRemove} data-testid="discount-remove">
            {t('counter.discount.remove')}
          </Button>
        )}
        <span className="grow" />
        <Button onClick={onClose}>{t('common.back')}</Button>
        <Button variant="primary" onClick={() => void apply()} disabled={!parsed.ok || busy || !approvalReady(approval)} data-testid="discount-apply">
          {t('counter.discount.apply')}
        </Button>
      </div>
    </div>
  );
}
