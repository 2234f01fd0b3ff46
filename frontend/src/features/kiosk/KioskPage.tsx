import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError, newIdempotencyKey, type ItemView, type OrderType, type PlaceOrder } from '../../api';
import { useLiveCache, useSession } from '../../api/hooks';
import { applyMenuEvent, useMenu } from '../../api/queries/get-menu';
import { useSettings } from '../../api/queries/get-settings';
import { addToCart, toPlaceLines, type Cart } from '../../ordering/cart';
import { CartBar, CartDrawer } from '../../ordering/CartDrawer';
import { useCartFollowsMenu } from '../../ordering/follow-menu';
import { CartTotal, CouponField } from '../../ordering/CartFooter';
import { useQuote } from '../../ordering/quote';
import { MenuGrid } from '../../ordering/MenuGrid';
import { withFeatured } from '../../ordering/featured';
import { orderDefaults } from '../../ordering/order-defaults';
import { useTableField } from '../../ordering/table-field';
import { OrderTypePicker } from '../../ordering/OrderTypePicker';
import { RedeemPoints, redeemBody } from '../../ordering/RedeemPoints';
import { ModifierDialog } from '../../ordering/ModifierDialog';
import { Layout, SessionMenu, StatusBadge, useApiErrorText } from '../../ui';
import { usePlaceOrder } from './api/place-order';
import { MyOrders } from './MyOrders';
import { applyPublicFeedbackEvent } from './api/public-feedback';
import { ReviewsStrip } from './ReviewsStrip';
import { clearPending, loadPending, savePending, shouldKeepPending, type PendingOrder } from './pending';

const store = localStorage;

export function KioskPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const session = useSession();
  const status = useLiveCache(applyMenuEvent, applyPublicFeedbackEvent);
  // Without an event stream (older server, or a role it does not serve) poll the menu; the ETag keeps it cheap.
  const menuQ = useMenu(status === 'unavailable' || status === 'offline' ? 3000 : false);
  const menu = menuQ.data;
  const { mutateAsync: placeOrder } = usePlaceOrder();
  const [category, setCategory] = useState<string>();
  const [cart, setCart] = useState<Cart>([]);
  const [choosing, setChoosing] = useState<ItemView | null>(null);
  // Each customer starts from the shop's default order type.
  const [chosenType, setType] = useState<OrderType | null>(null);
  const settings = useSettings().data;
  const defaults = orderDefaults(settings);
  const type = chosenType ?? defaults.type;
  // Where the shop serves at the tables, an eat-in customer gives the table number.
  const table = useTableField(defaults);
  const resetTable = table.reset;
  const [coupon, setCoupon] = useState('');
  // A signed-in customer may pay part of the order with their points.
  const customer = session?.role === 'customer';
  const [points, setPoints] = useState('');
  const redeem = customer ? redeemBody(points) : {};
  const [couponError, setCouponError] = useState<string | null>(null);
  // The server's prices as the cart changes: a coupon's discount shows before ordering.
  const priced = useQuote(
    useMemo(
      () => (cart.length === 0 ? null : { lines: toPlaceLines(cart), type, ...(coupon.trim() ? { coupon_code: coupon.trim() } : {}), ...(customer ? redeemBody(points) : {}) }),
      [cart, type, coupon, customer, points],
    ),
  );
  const [error, setError] = useState<string | null>(null);
  const errorText = useApiErrorText('kiosk.errors');
  const [pending, setPending] = useState<PendingOrder | null>(() => loadPending(store));
  const [sending, setSending] = useState(false);
  // On a phone the cart is a drawer over the menu.
  const [drawer, setDrawer] = useState(false);
  const sendingRef = useRef(false);

  // Follow menu changes: sold-out lines leave the cart, prices update in place.
  useCartFollowsMenu(menu, setCart);

  const send = useCallback(
    async (p: PendingOrder) => {
      if (sendingRef.current) return;
      sendingRef.current = true;
      setSending(true);
      setError(null);
      try {
        const order = await placeOrder({ body: p.body, key: p.key });
        clearPending(store);
        setPending(null);
        setCart([]);
        setCoupon('');
        setPoints('');
        setType(null);
        resetTable();
        navigate(`/kiosk/order/${order.id}`);
      } catch (e) {
        const err = e instanceof ApiError ? e : new ApiError(0, 'network', String(e));
        if (shouldKeepPending(err.status)) {
          setError(t('kiosk.sendFailed'));
        } else {
          clearPending(store);
          setPending(null);
          if (err.code === 'coupon_invalid') setCouponError(errorText(err));
          else if (err.code === 'item_unavailable') {
            setError(errorText(err));
            void menuQ.refetch();
          } else setError(errorText(err));
        }
      } finally {
        sendingRef.current = false;
        setSending(false);
      }
    },
    [navigate, t, menuQ, placeOrder, errorText, resetTable],
  );

  // A reload with an unanswered order re-sends it with the same key: the server answers with the same order.
  useEffect(() => {
    const p = loadPending(store);
    if (p) void send(p);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const place = () => {
    if (cart.length === 0 || pending) return;
    if (!table.ready(type)) return;
    const body: PlaceOrder = {
      lines: toPlaceLines(cart),
      type,
      ...table.forOrder(type),
      ...(coupon.trim() ? { coupon_code: coupon.trim() } : {}),
      ...redeem,
    };
    const p: PendingOrder = { key: newIdempotencyKey(), body, at: Date.now() };
    savePending(store, p);
    setPending(p);
    setCouponError(null);
    void send(p);
  };

  const pick = (item: ItemView) => {
    if (item.modifier_groups.length > 0) setChoosing(item);
    else setCart((c) => addToCart(c, item));
  };

  const currency = menu?.currency ?? 'EUR';
  // What needs the customer's eye (an unanswered order, an error) opens the drawer.
  const open = drawer || pending !== null || error !== null || couponError !== null;
  const closeDrawer = () => {
    setDrawer(false);
    setError(null);
    setCouponError(null);
  };
  return (
    <Layout title={t('kiosk.title')} actions={<><StatusBadge status={status} />{session?.role === 'customer' && <MyOrders />}<SessionMenu /></>} className="kiosk">
      <div className="ordering">
        <section className="ordering-menu" aria-label={t('menu.title')}>
          {menuQ.isPending && <p>{t('common.loading')}</p>}
          {menuQ.isError && <p className="notice notice-error">{t('errors.menu')}</p>}
          <ReviewsStrip />
          {menu && <MenuGrid menu={withFeatured(menu, t('menu.featured'))} category={category} onCategory={setCategory} onItem={pick} pictures="large" />}
        </section>
        <CartDrawer
          cart={cart}
          onCart={setCart}
          open={open}
          onClose={closeDrawer}
          pending={pending !== null}
          sending={sending}
          onRetry={() => pending && void send(pending)}
          error={error}
          footer={
            <>
              <OrderTypePicker type={type} onType={setType} {...table.pickerProps} />
              <CouponField
                coupon={coupon}
                error={couponError ?? (priced.error?.code === 'coupon_invalid' ? priced.error.message : null)}
                onCouponChange={(code) => {
                  setCoupon(code);
                  setCouponError(null);
                }}
              />
              {customer && <RedeemPoints customerId="me" value={points} onChange={setPoints} error={priced.error} />}
            </>
          }
          total={<CartTotal cart={cart} currency={currency} quote={priced.quote} />}
          placeLabel={t('kiosk.place')}
          onPlace={place}
        />
      </div>
      {!open && <CartBar cart={cart} currency={currency} onOpen={() => setDrawer(true)} />}
      <ModifierDialog
        item={choosing}
        onClose={() => setChoosing(null)}
        onAdd={(ids, q, note) => {
          if (choosing) setCart((c) => addToCart(c, choosing, ids, q, note));
          setChoosing(null);
        }}
      />
    </Layout>
  );
}
