import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Discount, Quote, Tier } from '../api';
import { Money } from '../ui';
import { cartTotal, type Cart } from './cart';
import { discountsOf } from './discounts';

/** The coupon field with the server's rejection in words: shared by the counter and the kiosk. */
export function CouponField({
  coupon,
  error,
  onCouponChange,
}: {
  coupon: string;
  error: string | null;
  /** Called with the upper-cased code; the caller clears the old error. */
  onCouponChange: (code: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <label className="field">
        <span>{t('coupon.label')}</span>
        <input
          name="coupon"
          value={coupon}
          onChange={(e) => onCouponChange(e.target.value.toUpperCase())}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'coupon-error' : undefined}
        />
      </label>
      {error && (
        <p id="coupon-error" className="notice notice-error" role="alert" data-testid="coupon-error">
          {t('coupon.rejected', { message: error })}
        </p>
      )}
    </>
  );
}

/**
 * The cart's total, kept next to the order button: the server's quote (subtotal, the
 * coupon's discount, tax, total) once it has one for these lines, the menu prices before.
 */
export function CartTotal({ cart, currency, quote }: { cart: Cart; currency: string; quote?: Quote }) {
  const { t } = useTranslation();
  const total = quote?.total ?? { amount: cartTotal(cart), currency };
  // Prices that include tax: the tax is part of the total, not added to it.
  const included = quote !== undefined && quote.total.amount === quote.subtotal.amount - quote.discount.amount;
  return (
    <div className="cart-sums" data-testid="cart-sums" data-quoted={quote ? 'true' : 'false'}>
      {quote && (quote.discount.amount > 0 || quote.tax.amount > 0) && (
        <dl className="cart-lines-sums">
          <div>
            <dt>{t('cart.subtotal')}</dt>
            <dd>
              <Money value={quote.subtotal} />
            </dd>
          </div>
          {discountsOf(quote).map((d) => (
            <div key={d.kind} data-testid={discountTestId(d.kind)} data-amount={d.amount.amount}>
              <dt>{discountLabel(t, d, quote.loyalty_tier)}</dt>
              <dd>
                − <Money value={d.amount} />
              </dd>
            </div>
          ))}
          {quote.tax.amount > 0 && (
            <div data-testid="cart-tax">
              <dt>{t(included ? 'cart.taxIncluded' : 'cart.tax')}</dt>
              <dd>
                <Money value={quote.tax} />
              </dd>
            </div>
          )}
        </dl>
      )}
      <div className="cart-total" data-testid="cart-total">
        <span>{t('cart.total')}</span>
        <Money value={total} />
      </div>
    </div>
  );
}


function discountTestId(kind: Discount['kind']): string {
  switch (kind) {
    case 'manual':
      return 'cart-manual-discount';
    case 'loyalty':
      return 'cart-loyalty-discount';
    case 'points':
      return 'cart-points-discount';
    default:
      return 'cart-discount';
  }
}

/** A discount's line in words: the coupon's code, the loyalty tier's percentage, points, staff's reason. */
function discountLabel(t: TFunction, d: Discount, tier?: Tier | null): string {
  switch (d.kind) {
    case 'manual':
      return t('cart.discountManual', { reason: d.reason ?? '' });
    case 'loyalty':
      return tier ? t('cart.discountLoyaltyTier', { percent: tier.basis_points / 100 }) : t('cart.discountLoyalty');
    case 'points':
      return t('cart.discountPoints');
    default:
      return d.code ? t('cart.discountCode', { code: d.code }) : t('cart.discount');
  }
}
