import { useCallback, useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { ApiError, desktop, type CustomerSummary, type ItemView, type Order, type OrderStatus, type OrderType } from '../../api';
import { useLiveCache } from '../../api/hooks';
import { applyMenuEvent, useMenu } from '../../api/queries/get-menu';
import { applyPrinterStatusEvent } from '../../api/queries/get-printer-status';
import { addToCart, cartCount, itemIndex, reconcileWithMenu, toPlaceLines, type Cart } from '../../ordering/cart';
import { CartView } from '../../ordering/CartView';
import { CouponAndTotal } from '../../ordering/CouponAndTotal';
import { MenuGrid } from '../../ordering/MenuGrid';
import { ModifierDialog } from '../../ordering/ModifierDialog';
import { Button, Dialog, Layout, Money, SessionMenu, StatusBadge, useToast } from '../../ui';
import { applyOrderEvent, useOrders } from './api/get-orders';
import { usePrinterStatus } from './api/get-printer-status';
import { usePlaceOrder } from './api/place-order';
import { usePrintReceipt } from './api/print-receipt';
import { useSetOrderStatus } from './api/set-order-status';
import { CustomerPicker } from './CustomerPicker';
import { LanButton } from './LanDialog';
import { PaymentDialog } from './PaymentDialog';
import { amountDue } from './payment';
import { PrinterBadge } from './PrinterBadge';
import { Receipt } from './Receipt';

export function CounterPage() {
  const { t } = useTranslation();
  const toast = useToast();
  const status = useLiveCache(applyMenuEvent, applyOrderEvent, applyPrinterStatusEvent);
  const printer = usePrinterStatus(status === 'online').data;
  const menuQ = useMenu(status === 'online' ? false : 5000);
  const menu = menuQ.data;
  const orders = useOrders(status === 'online').data?.orders ?? [];
  const { mutateAsync: placeOrder } = usePlaceOrder();
  const { mutateAsync: setOrderStatus } = useSetOrderStatus();
  const { mutateAsync: printReceipt } = usePrintReceipt();

  const [view, setView] = useState<'new' | 'orders'>('new');
  const [category, setCategory] = useState<string>();
  const [cart, setCart] = useState<Cart>([]);
  const [choosing, setChoosing] = useState<ItemView | null>(null);
  const [type, setType] = useState<OrderType>('takeaway');
  const [table, setTable] = useState('');
  const [coupon, setCoupon] = useState('');
  const [customer, setCustomer] = useState<CustomerSummary | null>(null);
  const [couponError, setCouponError] = useState<string | null>(null);
  const [placing, setPlacing] = useState(false);
  const [paying, setPaying] = useState<Order | null>(null);
  const [cancelling, setCancelling] = useState<Order | null>(null);
  const [reason, setReason] = useState('');
  const [printing, setPrinting] = useState<Order | null>(null);
  const [lastNumber, setLastNumber] = useState<number | null>(null);

  useEffect(() => {
    if (!menu) return;
    setCart((c) => {
      const { cart: next, removed } = reconcileWithMenu(c, itemIndex(menu));
      for (const l of removed) toast(t('kiosk.removedSoldOut', { name: l.name }), 'error');
      return removed.length === 0 && next.every((l, i) => l.unitAmount === c[i]?.unitAmount) ? c : next;
    });
  }, [menu, toast, t]);

  const place = useCallback(async () => {
    if (cart.length === 0 || placing) return;
    setPlacing(true);
    setCouponError(null);
    try {
      const order = await placeOrder({
        lines: toPlaceLines(cart),
        type,
        ...(type === 'dine_in' && table.trim() ? { table: table.trim() } : {}),
        ...(coupon.trim() ? { coupon_code: coupon.trim() } : {}),
        ...(customer ? { customer_id: customer.id } : {}),
      });
      setCart([]);
      setCoupon('');
      setCustomer(null);
      setTable('');
      setLastNumber(order.number);
      setPaying(order);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'coupon_invalid') setCouponError(e.message);
      else toast(e instanceof ApiError ? e.message : String(e), 'error');
    } finally {
      setPlacing(false);
    }
  }, [cart, placing, type, table, coupon, customer, placeOrder, toast]);

  /** The receipt printer when one is set up; otherwise the system print dialog (print CSS shows only the receipt). */
  const systemPrint = (o: Order) => {
    flushSync(() => setPrinting(o));
    window.print();
  };
  const print = (o: Order) => {
    if (!printer?.configured) {
      systemPrint(o);
      return;
    }
    printReceipt(o.id).then(
      () => toast(t('counter.sentToPrinter', { number: o.number }), 'success'),
      (e: unknown) => {
        if (e instanceof ApiError && e.code.includes('not_configured')) systemPrint(o);
        else toast(e instanceof ApiError ? e.message : String(e), 'error');
      },
    );
  };

  const move = async (o: Order, to: OrderStatus, why?: string) => {
    try {
      await setOrderStatus({ id: o.id, status: to, reason: why });
      return true;
    } catch (e) {
      toast(e instanceof ApiError ? e.message : String(e), 'error');
      return false;
    }
  };

  // Keyboard shortcuts: Alt+1…9 categories, F2 new order, F3 orders, F9 or Ctrl+Enter place.
  useEffect(() => {
    const h = (e: KeyboardEvent) => {
      if (paying || cancelling || choosing) return;
      if (e.altKey && /^[1-9]$/.test(e.key) && menu) {
        const c = menu.categories[Number(e.key) - 1];
        if (c) {
          e.preventDefault();
          setView('new');
          setCategory(c.id);
        }
      } else if (e.key === 'F2') {
        e.preventDefault();
        setView('new');
      } else if (e.key === 'F3') {
        e.preventDefault();
        setView('orders');
      } else if (e.key === 'F9' || (e.ctrlKey && e.key === 'Enter')) {
        e.preventDefault();
        void place();
      }
    };
    window.addEventListener('keydown', h);
    return () => window.removeEventListener('keydown', h);
  }, [menu, paying, cancelling, choosing, place]);

  const currency = menu?.currency ?? 'EUR';
  const pick = (item: ItemView) => (item.modifier_groups.length > 0 ? setChoosing(item) : setCart((c) => addToCart(c, item)));

  return (
    <Layout
      title={t('counter.title')}
      className="counter"
      actions={
        <>
          <StatusBadge status={status} />
          <PrinterBadge status={printer} />
          {desktop && <LanButton desktop={desktop} />}
          <div className="tabs" role="tablist" aria-label={t('counter.views')}>
            <button type="button" role="tab" aria-selected={view === 'new'} className={`tab ${view === 'new' ? 'tab-on' : ''}`} onClick={() => setView('new')} title="F2">
              {t('counter.newOrder')}
            </button>
            <button type="button" role="tab" aria-selected={view === 'orders'} className={`tab ${view === 'orders' ? 'tab-on' : ''}`} onClick={() => setView('orders')} title="F3" data-testid="orders-tab">
              {t('counter.orders', { count: orders.length })}
            </button>
          </div>
          <SessionMenu />
        </>
      }
    >
      {view === 'new' ? (
        <div className="ordering">
          <section className="ordering-menu" aria-label={t('menu.title')}>
            {menu ? <MenuGrid menu={menu} category={category} onCategory={setCategory} onItem={pick} /> : <p>{t('common.loading')}</p>}
          </section>
          <aside className="ordering-cart" aria-label={t('cart.title')}>
            <h2>
              {t('cart.title')} <span className="count">({cartCount(cart)})</span>
              {lastNumber !== null && <span className="last-number" data-testid="last-number" data-number={lastNumber}>{t('counter.lastNumber', { number: lastNumber })}</span>}
            </h2>
            <CartView cart={cart} onChange={setCart} notes />
            <div className="segmented" role="radiogroup" aria-label={t('order.type')}>
              {(['takeaway', 'dine_in'] as const).map((ty) => (
                <button key={ty} type="button" role="radio" aria-checked={type === ty} className={`btn ${type === ty ? 'option-on' : ''}`} onClick={() => setType(ty)}>
                  {t(`order.types.${ty}`)}
                </button>
              ))}
            </div>
            {type === 'dine_in' && (
              <label className="field">
                <span>{t('order.table')}</span>
                <input name="table" value={table} onChange={(e) => setTable(e.target.value)} maxLength={20} />
              </label>
            )}
            <CustomerPicker value={customer} onChange={setCustomer} />
            <CouponAndTotal
              coupon={coupon}
              error={couponError}
              onCouponChange={(code) => {
                setCoupon(code);
                setCouponError(null);
              }}
              cart={cart}
              currency={currency}
            />
            <div className="row">
              <Button onClick={() => setCart([])} disabled={cart.length === 0}>
                {t('cart.clear')}
              </Button>
              <Button variant="primary" size="xl" onClick={() => void place()} disabled={cart.length === 0 || placing} title="F9" data-testid="place-order">
                {t('counter.placeAndPay')}
              </Button>
            </div>
            <p className="shortcuts">{t('counter.shortcuts')}</p>
          </aside>
        </div>
      ) : (
        <section className="recent" aria-label={t('counter.recentOrders')}>
          {orders.length === 0 && <p>{t('counter.noOrders')}</p>}
          <ul className="order-rows">
            {[...orders].reverse().map((o) => (
              <li key={o.id} className="order-row" data-testid="order-row" data-number={o.number} data-status={o.status}>
                <span className="order-row-number">#{o.number}</span>
                <span className={`pill state-${o.status}`}>{t(`kiosk.state.${o.status}`)}</span>
                <span className="order-row-type">
                  {t(`order.types.${o.type}`)}
                  {o.table ? ` · ${t('order.tableN', { table: o.table })}` : ''} · {t(`order.channels.${o.channel}`)}
                </span>
                <span className="order-row-total">
                  <Money value={o.total} /> {o.paid ? <span className="pill paid">{t('counter.paid')}</span> : <span className="pill unpaid">{t('counter.unpaid')}</span>}
                </span>
                <span className="order-row-actions">
                  {!o.paid && amountDue(o) > 0 && (
                    <Button variant="primary" onClick={() => setPaying(o)} data-testid="pay">
                      {t('counter.pay')}
                    </Button>
                  )}
                  {o.status === 'ready' && (
                    <Button onClick={() => void move(o, 'completed')} data-testid="hand-over">
                      {t('counter.handOver')}
                    </Button>
                  )}
                  {(o.status === 'placed' || o.status === 'in_progress') && (
                    <Button variant="danger" onClick={() => setCancelling(o)}>
                      {t('counter.cancel')}
                    </Button>
                  )}
                  <Button variant="ghost" onClick={() => print(o)}>
                    {t('counter.receipt')}
                  </Button>
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <ModifierDialog
        item={choosing}
        withNote
        onClose={() => setChoosing(null)}
        onAdd={(ids, q, note) => {
          if (choosing) setCart((c) => addToCart(c, choosing, ids, q, note));
          setChoosing(null);
        }}
      />
      <PaymentDialog order={paying} onClose={() => setPaying(null)} onPrint={print} />
      <Dialog
        open={cancelling !== null}
        title={cancelling ? t('counter.cancelOrder', { number: cancelling.number }) : ''}
        onClose={() => setCancelling(null)}
        footer={
          <>
            <Button onClick={() => setCancelling(null)}>{t('common.back')}</Button>
            <Button
              variant="danger"
              disabled={reason.trim().length === 0}
              onClick={() => {
                if (!cancelling) return;
                void move(cancelling, 'cancelled', reason.trim()).then((ok) => {
                  if (ok) {
                    setCancelling(null);
                    setReason('');
                  }
                });
              }}
            >
              {t('counter.confirmCancel')}
            </Button>
          </>
        }
      >
        <label className="field">
          <span>{t('counter.reason')}</span>
          <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} autoFocus />
        </label>
      </Dialog>
      <Receipt order={printing} />
    </Layout>
  );
}
