import { useTranslation } from 'react-i18next';
import { Money } from '../ui';
import { cartTotal, type Cart } from './cart';

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

/** The cart's total, kept next to the order button. */
export function CartTotal({ cart, currency }: { cart: Cart; currency: string }) {
  const { t } = useTranslation();
  return (
    <div className="cart-total" data-testid="cart-total">
      <span>{t('cart.total')}</span>
      <Money value={{ amount: cartTotal(cart), currency }} />
    </div>
  );
}
