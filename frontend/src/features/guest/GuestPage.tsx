import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError, newIdempotencyKey, type ItemView, type PlaceOrder } from '../../api';
import { useMenu } from '../../api/queries/get-menu';
import { addToCart, toPlaceLines, type Cart } from '../../ordering/cart';
import { CartBar, CartDrawer } from '../../ordering/CartDrawer';
import { useCartFollowsMenu } from '../../ordering/follow-menu';
import { CartTotal, CouponField } from '../../ordering/CartFooter';
import { useQuote } from '../../ordering/quote';
import { MenuGrid } from '../../ordering/MenuGrid';
import { withFeatured } from '../../ordering/featured';
import { ModifierDialog } from '../../ordering/ModifierDialog';
import { Button, Layout, StatusBadge, useApiErrorText } from '../../ui';
import { ReviewsStrip } from '../kiosk/ReviewsStrip';
import { clearPending, loadPending, savePending, shouldKeepPending, type PendingOrder } from '../kiosk/pending';
import { createGuestApi } from './guest-api';
import { useGuestLive } from './guest-live';
import { GuestOrders } from './GuestOrders';
import './guest.css';

const store = localStorage;

/**
 * A guest at a table, on their own phone (`/t/<code>`, from the table's QR code): the menu
 * with featured items, pictures and reviews, a cart, "order to table N" without an account,
 * then each order's state and ready time, live.
 */
export function GuestPage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const guest = useMemo(() => createGuestApi(code), [code]);
  const tableQ = useQuery({ queryKey: ['guest', guest.code, 'table'], queryFn: () => guest.table(), retry: false, staleTime: Infinity });
  const errorText = useApiErrorText('guest.errors');
  const title = tableQ.data ? t('guest.title', { table: tableQ.data.name }) : t('guest.titleNoTable');
  if (tableQ.isError) {
    return (
      <Layout title={title} className="kiosk guest">
        <p className="notice notice-error guest-unknown" role="alert" data-testid="guest-error">
          {errorText(tableQ.error)}
        </p>
      </Layout>
    );
  }
  if (!tableQ.data) {
    return (
      <Layout title={title} className="kiosk guest">
        <p>{t('common.loading')}</p>
      </Layout>
    );
  }
  return <GuestOrdering guest={guest} table={tableQ.data.name} area={tableQ.data.area} />;
}

function GuestOrdering({ guest, table, area }: { guest: ReturnType<typeof createGuestApi>; table: string; area: string }) {
  const { t } = useTranslation();
  const status = useGuestLive(guest, true);
  const live = status === 'online';
  const menuQ = useMenu(status === 'unavailable' || status === 'offline' ? 5000 : false);
  const menu = menuQ.data;
  const pendingKey = `crema.guest.${guest.code}.pending`;
  const [cart, setCart] = useState<Cart>([]);
  const [category, setCategory] = useState<string>();
  const [choosing, setChoosing] = useState<ItemView | null>(null);
  const [coupon, setCoupon] = useState('');
  const [couponError, setCouponError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<PendingOrder | null>(() => loadPending(store, pendingKey));
  const [sending, setSending] = useState(false);
  const [drawer, setDrawer] = useState(false);
  const [ids, setIds] = useState<string[]>(() => guest.orderIds());
  const [view, setView] = useState<'menu' | 'orders'>(() => (guest.orderIds().length > 0 ? 'orders' : 'menu'));
  const sendingRef = useRef(false);
  const errorText = useApiErrorText('guest.errors');
  const asker = useMemo(() => ({ scope: `guest:${guest.code}`, quote: (b: PlaceOrder) => guest.quote(b) }), [guest]);
  const priced = useQuote(
    useMemo(() => (cart.length === 0 ? null : { lines: toPlaceLines(cart), type: 'dine_in' as const, ...(coupon.trim() ? { coupon_code: coupon.trim() } : {}) }), [cart, coupon]),
    asker,
  );

  // Follow the menu: sold-out lines leave the cart, prices update in place.
  useCartFollowsMenu(menu, setCart);

  const send = useCallback(
    async (p: PendingOrder) => {
      if (sendingRef.current) return;
      sendingRef.current = true;
      setSending(true);
      setError(null);
      try {
        await guest.place(p.body, p.key);
        clearPending(store, pendingKey);
        setPending(null);
        setCart([]);
        setCoupon('');
        setDrawer(false);
        setIds(guest.orderIds());
        setView('orders');
        window.scrollTo(0, 0);
      } catch (e) {
        const err = e instanceof ApiError ? e : new ApiError(0, 'network', String(e));
        if (shouldKeepPending(err.status) && err.code !== 'table_order_limit') {
          setError(t('kiosk.sendFailed'));
        } else {
          clearPending(store, pendingKey);
          setPending(null);
          if (err.code === 'coupon_invalid') setCouponError(errorText(err));
          else {
            setError(errorText(err));
            if (err.code === 'item_unavailable') void menuQ.refetch();
          }
        }
      } finally {
        sendingRef.current = false;
        setSending(false);
      }
    },
    [guest, pendingKey, t, errorText, menuQ],
  );

  // A reload with an unanswered order re-sends it with the same key: the same order comes back.
  useEffect(() => {
    const p = loadPending(store, pendingKey);
    if (p) void send(p);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const place = () => {
    if (cart.length === 0 || pending) return;
    const body: PlaceOrder = { lines: toPlaceLines(cart), type: 'dine_in', table, ...(coupon.trim() ? { coupon_code: coupon.trim() } : {}) };
    const p: PendingOrder = { key: newIdempotencyKey(), body, at: Date.now() };
    savePending(store, p, pendingKey);
    setPending(p);
    setCouponError(null);
    void send(p);
  };

  const pick = (item: ItemView) => {
    if (item.modifier_groups.length > 0) setChoosing(item);
    else setCart((c) => addToCart(c, item));
  };

  const currency = menu?.currency ?? 'EUR';
  const open = drawer || pending !== null || error !== null || couponError !== null;
  const closeDrawer = () => {
    setDrawer(false);
    setError(null);
    setCouponError(null);
  };
  const tabs = (
    <nav className="guest-tabs" aria-label={t('guest.views')}>
      <button type="button" className={`btn ${view === 'menu' ? 'btn-primary' : 'btn-ghost'}`} aria-pressed={view === 'menu'} onClick={() => setView('menu')} data-testid="guest-menu-tab">
        {t('menu.title')}
      </button>
      <button type="button" className={`btn ${view === 'orders' ? 'btn-primary' : 'btn-ghost'}`} aria-pressed={view === 'orders'} onClick={() => setView('orders')} data-testid="guest-orders-tab">
        {t('guest.yourOrdersCount', { count: ids.length })}
      </button>
    </nav>
  );
  return (
    <Layout title={t('guest.title', { table })} actions={<StatusBadge status={status} />} className="kiosk guest">
      <p className="guest-where" data-testid="guest-table">
        {area ? t('guest.whereArea', { table, area }) : t('guest.where', { table })}
      </p>
      {ids.length > 0 && tabs}
      {view === 'orders' ? (
        <>
          <GuestOrders guest={guest} ids={ids} live={live} table={table} />
          <Button variant="primary" size="lg" onClick={() => setView('menu')} data-testid="guest-order-more">
            {t('guest.orderMore')}
          </Button>
        </>
      ) : (
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
              <CouponField
                coupon={coupon}
                error={couponError ?? (priced.error?.code === 'coupon_invalid' ? priced.error.message : null)}
                onCouponChange={(c) => {
                  setCoupon(c);
                  setCouponError(null);
                }}
              />
            }
            total={<CartTotal cart={cart} currency={currency} quote={priced.quote} />}
            placeLabel={t('guest.place', { table })}
            onPlace={place}
          />
        </div>
      )}
      {view === 'menu' && !open && <CartBar cart={cart} currency={currency} onOpen={() => setDrawer(true)} />}
      <ModifierDialog
        item={choosing}
        onClose={() => setChoosing(null)}
        onAdd={(optionIds, q, note) => {
          if (choosing) setCart((c) => addToCart(c, choosing, optionIds, q, note));
          setChoosing(null);
        }}
      />
    </Layout>
  );
}
