import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Money } from '../ui';
import { cartCount, cartTotal, type Cart } from './cart';
import { CartView } from './CartView';

/**
 * A self-order cart (kiosk, a guest's phone): its lines, what the screen asks before ordering
 * (`footer`: order type, coupon, points), the total and the order button; while an order waits
 * for its answer, "sending" and Retry instead. On a phone it is a drawer over the menu.
 */
export function CartDrawer({
  cart,
  onCart,
  open,
  onClose,
  pending,
  sending,
  onRetry,
  error,
  footer,
  total,
  placeLabel,
  onPlace,
}: {
  cart: Cart;
  onCart: (c: Cart) => void;
  open: boolean;
  onClose: () => void;
  pending: boolean;
  sending: boolean;
  onRetry: () => void;
  error: string | null;
  footer: ReactNode;
  total: ReactNode;
  placeLabel: string;
  onPlace: () => void;
}) {
  const { t } = useTranslation();
  return (
    <aside className={`ordering-cart ${open ? 'drawer-open' : ''}`} aria-label={t('cart.title')} data-testid="cart-drawer">
      <h2>
        {t('cart.title')} <span className="count">({cartCount(cart)})</span>
        <button type="button" className="btn btn-ghost drawer-close" onClick={onClose} disabled={pending} data-testid="cart-drawer-close">
          {t('kiosk.backToMenu')}
        </button>
      </h2>
      {pending ? (
        <div className="stack" data-testid="pending">
          <p className="notice notice-warn" role="status">
            {sending ? t('kiosk.sending') : t('kiosk.unanswered')}
          </p>
          <Button variant="primary" size="lg" disabled={sending} onClick={onRetry} data-testid="retry">
            {t('kiosk.retry')}
          </Button>
        </div>
      ) : (
        <>
          <div className="cart-scroll">
            <CartView cart={cart} onChange={onCart} />
          </div>
          <div className="cart-footer">
            {footer}
            <div className="cart-pay">
              {total}
              <Button variant="primary" size="xl" disabled={cart.length === 0 || sending} onClick={onPlace} data-testid="place-order">
                {placeLabel}
              </Button>
            </div>
          </div>
        </>
      )}
      {error && (
        <p className="notice notice-error" role="alert" data-testid="order-error">
          {error}
        </p>
      )}
    </aside>
  );
}

/** On a phone, the bar under the menu that opens the cart: its count and total. */
export function CartBar({ cart, currency, onOpen }: { cart: Cart; currency: string; onOpen: () => void }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="btn btn-primary cart-bar" onClick={onOpen} data-testid="cart-drawer-open">
      <span>{t('kiosk.viewOrder', { count: cartCount(cart) })}</span>
      <Money value={{ amount: cartTotal(cart), currency }} />
    </button>
  );
}
