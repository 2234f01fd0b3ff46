import { useTranslation } from 'react-i18next';
import type { ApiError, ManualDiscountRequest, Quote } from '../../api';
import { Button, useApiErrorText, useFormatMoney } from '../../ui';
import { formatBps } from '../../ui/decimal';

/** Codes of a quote that are about the manual discount (shown under its button). */
const DISCOUNT_CODES = new Set(['discount_exceeds_subtotal', 'out_of_range', 'amount_not_positive', 'wrong_currency']);

/** Opens the discount dialog; once a discount is given, says which and for what. */
export function DiscountButton({ discount, quote, error, disabled, onOpen }: { discount: ManualDiscountRequest | null; quote?: Quote; error?: ApiError; disabled: boolean; onOpen: () => void }) {
  const { t, i18n } = useTranslation();
  const formatMoney = useFormatMoney();
  const errorText = useApiErrorText('counter.errors');
  const size = !discount ? '' : discount.basis_points ? `${formatBps(discount.basis_points, i18n.language)} %` : discount.amount ? formatMoney(discount.amount) : '';
  return (
    <div className="discount-row stack">
      <Button onClick={onOpen} disabled={disabled} data-testid="discount-open" aria-haspopup="dialog">
        {discount ? t('counter.discount.given', { size, reason: discount.reason }) : t('counter.discount.button')}
      </Button>
      {discount && quote?.approval_needed && <p className="hint" data-testid="discount-approved">{t('counter.discount.approved')}</p>}
      {discount && error && DISCOUNT_CODES.has(error.code) && (
        <p className="notice notice-error" role="alert" data-testid="discount-quote-error">
          {errorText(error)}
        </p>
      )}
    </div>
  );
}
