import { useCallback, useEffect, useMemo, useState } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { ApiError, desktop, type CustomerSummary, type ItemView, type ManualDiscountRequest, type Order, type OrderType, type PlaceOrder } from '../../api';
import { useLiveCache } from '../../api/hooks';
import { applyMenuEvent, useMenu } from '../../api/queries/get-menu';
import { applyPrinterStatusEvent } from '../../api/queries/get-printer-status';
import { applySettingsEvent, useSettings } from '../../api/queries/get-settings';
import { addToCart, cartCount, itemIndex, reconcileWithMenu, toPlaceLines, type Cart } from '../../ordering/cart';
import { CartView } from '../../ordering/CartView';
import { CartTotal, CouponField } from '../../ordering/CartFooter';
import { useQuote } from '../../ordering/quote';
import { MenuGrid } from '../../ordering/MenuGrid';
import { orderDefaults } from '../../ordering/order-defaults';
import { useTableField } from '../../ordering/table-field';
import { OrderTypePicker } from '../../ordering/OrderTypePicker';
import { ModifierDialog } from '../../ordering/ModifierDialog';
import { Button, Layout, SessionMenu, StatusBadge, useApiErrorText, useFormatMoney, useToast } from '../../ui';
import { useAcceptOrder } from './api/accept-order';
import { applyOrderEvent, useOrders } from './api/get-orders';
import { usePrinterStatus } from './api/get-printer-status';
import { usePlaceOrder } from './api/place-order';
import { usePrintReceipt } from './api/print-receipt';
import { useSetOrderStatus, useStepOrderBack } from './api/set-order-status';
import { CancelDialog } from './CancelDialog';
import { CustomerPicker } from './CustomerPicker';
import { DiscountButton } from './DiscountButton';
import { RedeemPoints, redeemBody } from '../../ordering/RedeemPoints';
import { DiscountDialog } from './DiscountDialog';
import { withoutApproval } from './discount';
import { LanButton } from './LanDialog';
import { HistoryView } from './HistoryView';
import { OrdersView, awaitingCount, type OrderActions } from './OrdersView';
import { PaymentDialog } from './PaymentDialog';
import { PrinterBadge } from './PrinterBadge';
import { SyncBadge } from './SyncBadge';
import { Receipt } from './Receipt';
import { amountHeld } from './refund';
import { RefundDialog } from './RefundDialog';
import { ShiftButton, ShiftDialog } from './ShiftDialog';
import { markTillReady } from './till-ready';

export function CounterPage() {
  const { t } = useTranslation();
  const toast = useToast();
  const status = useLiveCache(applyMenuEvent, applyOrderEvent, applyPrinterStatusEvent, applySettingsEvent);
  const settings = useSettings().data;
  const defaults = useMemo(() => orderDefaults(settings), [settings]);
  const printer = usePrinterStatus(status === 'online').data;
  const menuQ = useMenu(status === 'online' ? false : 5000);
  const menu = menuQ.data;
  const orders = useOrders(status === 'online').data?.orders ?? [];
  const { mutateAsync: placeOrder } = usePlaceOrder();
  const { mutateAsync: setOrderStatus } = useSetOrderStatus();
  const { mutateAsync: stepBack } = useStepOrderBack();
  const { mutateAsync: printReceipt } = usePrintReceipt();
  const { mutateAsync: acceptOrder } = useAcceptOrder();

  const [view, setView] = useState<'new' | 'orders' | 'history'>('new');
  const [category, setCategory] = useState<string>();
  const [cart, setCart] = useState<Cart>([]);
  const [choosing, setChoosing] = useState<ItemView | null>(null);
  // Each sale starts from the shop's default order type (null: not chosen for this sale).
  const [chosenType, setType] = useState<OrderType | null>(null);
  const type = chosenType ?? defaults.type;
  const table = useTableField(defaults);
  const [coupon, setCoupon] = useState('');
  const [customer, setCustomer] = useState<CustomerSummary | null>(null);
  const [couponError, setCouponError] = useState<string | null>(null);
  // Points the attached customer redeems on this sale ("": none).
  const [points, setPoints] = useState('');
  // A manual discount (with the admin's approval where it needs one) and its dialog.
  const [discount, setDiscount] = useState<ManualDiscountRequest | null>(null);
  const [discounting, setDiscounting] = useState(false);
  // The sale as it would be placed now, without the manual discount.
  const sale = useMemo<PlaceOrder | null>(
    () =>
      cart.length === 0
        ? null
        : { lines: toPlaceLines(cart), type, ...(coupon.trim() ? { coupon_code: coupon.trim() } : {}), ...(customer ? { customer_id: customer.id, ...redeemBody(points) } : {}) },
    [cart, type, coupon, customer, points],
  );
  // The server's prices as the sale is built: each discount shows before the order goes.
  const priced = useQuote(useMemo(() => (sale && discount ? { ...sale, manual_discount: withoutApproval(discount) } : sale), [sale, discount]));
  const [placing, setPlacing] = useState(false);
  const [paying, setPaying] = useState<Order | null>(null);
  const [cancelling, setCancelling] = useState<Order | null>(null);
  // The order being refunded, by id: it is shown as the list has it now.
  const [refunding, setRefunding] = useState<{ order: Order; cancel: boolean } | null>(null);
  const refundingNow = refunding && { ...refunding, order: orders.find((o) => o.id === refunding.order.id) ?? refunding.order };
  const formatMoney = useFormatMoney();
  const errorText = useApiErrorText('counter.errors');
  const [printing, setPrinting] = useState<Order | null>(null);
  const [lastNumber, setLastNumber] = useState<number | null>(null);
  const [shiftOpen, setShiftOpen] = useState(false);

  // Effects run once the menu is committed: the till takes taps from here.
  useEffect(() => {
    if (menu) markTillReady();
  }, [menu]);

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
    if (!table.ready(type)) return;
    setPlacing(true);
    setCouponError(null);
    try {
      const order = await placeOrder({
        lines: toPlaceLines(cart),
        type,
        ...table.forOrder(type),
        ...(coupon.trim() ? { coupon_code: coupon.trim() } : {}),
        ...(customer ? { customer_id: customer.id, ...redeemBody(points) } : {}),
        ...(discount ? { manual_discount: discount } : {}),
      });
      setCart([]);
      setCoupon('');
      setDiscount(null);
      setCustomer(null);
      setPoints('');
      table.reset();
      setType(null);
      setLastNumber(order.number);
      setPaying(order);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'coupon_invalid') setCouponError(errorText(e));
      else toast(errorText(e), 'error');
      // The discount needs an admin (the sale grew, or the approval was wrong): ask again.
      if (e instanceof ApiError && e.code === 'discount_approval_required') setDiscounting(true);
    } finally {
      setPlacing(false);
    }
  }, [cart, placing, type, table, coupon, customer, points, discount, placeOrder, toast, errorText]);

  /** The sale is abandoned: the next one starts afresh. */
  const clearSale = () => {
    setCart([]);
    setDiscount(null);
    setType(null);
    table.reset();
  };

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
        else toast(errorText(e), 'error');
      },
    );
  };

  // A hand-over by mistake (the wrong number called) is undone from the toast.
  const handOver = (o: Order) =>
    setOrderStatus({ id: o.id, status: 'completed' }).then(
      () =>
        toast(t('counter.handedOver', { number: o.number }), 'success', {
          label: t('counter.undo'),
          testid: 'undo-hand-over',
          onClick: () => void stepBack(o.id).catch((e: unknown) => toast(errorText(e), 'error')),
        }),
      (e: unknown) => toast(errorText(e), 'error'),
    );

  /** An order that holds money is refunded and cancelled in one step; one that holds none is just cancelled. */
  const cancel = (o: Order) => (amountHeld(o) > 0 ? setRefunding({ order: o, cancel: true }) : setCancelling(o));

  const refunded = (o: Order, cancelled: boolean) => {
    setRefunding(null);
    const amount = formatMoney(o.refunds?.at(-1)?.amount ?? o.refunded);
    toast(t(cancelled ? 'counter.refund.cancelledToast' : 'counter.refund.doneToast', { number: o.number, amount }), 'success');
  };

  // Keyboard shortcuts: Alt+1…9 categories, F2 new order, F3 orders, F9 or Ctrl+Enter place.
  useEffect(() => {
    const h = (e: KeyboardEvent) => {
      if (paying || cancelling || refunding || choosing || shiftOpen || discounting) return;
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
      } else if (e.key === 'F4') {
        e.preventDefault();
        setView('history');
      } else if (e.key === 'F9' || (e.ctrlKey && e.key === 'Enter')) {
        e.preventDefault();
        void place();
      }
    };
    window.addEventListener('keydown', h);
    return () => window.removeEventListener('keydown', h);
  }, [menu, paying, cancelling, refunding, choosing, shiftOpen, discounting, place]);

  const currency = menu?.currency ?? 'EUR';
  // A required choice opens the dialog; an item whose choices are all optional goes in plain (its ⋯ button opens them).
  const pick = (item: ItemView) => (item.modifier_groups.some((g) => g.min > 0) ? setChoosing(item) : setCart((c) => addToCart(c, item)));

  // A guest's order waiting for staff goes to the kitchen once accepted.
  const accept = (o: Order) =>
    acceptOrder(o.id).then(
      () => toast(t('tables.accept.accepted', { number: o.number }), 'success'),
      (e: unknown) => toast(errorText(e), 'error'),
    );
  const waiting = awaitingCount(orders);

  const actions: OrderActions = { onPay: setPaying, onHandOver: (o) => void handOver(o), onCancel: cancel, onRefund: (o) => setRefunding({ order: o, cancel: false }), onReceipt: print, onAccept: (o) => void accept(o) };
  return (
    <Layout
      title={t('counter.title')}
      className="counter"
      actions={
        <>
          <StatusBadge status={status} />
          <PrinterBadge status={printer} />
          <SyncBadge />
          {desktop && <LanButton desktop={desktop} />}
          <ShiftButton onClick={() => setShiftOpen(true)} />
          <div className="tabs" role="tablist" aria-label={t('counter.views')}>
            <button type="button" role="tab" aria-selected={view === 'new'} className={`tab ${view === 'new' ? 'tab-on' : ''}`} onClick={() => setView('new')} title="F2">
              {t('counter.newOrder')}
            </button>
            <button type="button" role="tab" aria-selected={view === 'orders'} className={`tab ${view === 'orders' ? 'tab-on' : ''}`} onClick={() => setView('orders')} title="F3" data-testid="orders-tab">
              {t('counter.orders', { count: orders.length })}
              {waiting > 0 && (
                <span className="tab-badge" data-testid="awaiting-count">
                  <span aria-hidden="true">{waiting}</span>
                  <span className="sr-only">{t('tables.accept.waitingCount', { count: waiting })}</span>
                </span>
              )}
            </button>
            <button type="button" role="tab" aria-selected={view === 'history'} className={`tab ${view === 'history' ? 'tab-on' : ''}`} onClick={() => setView('history')} title="F4" data-testid="history-tab">
              {t('counter.history.tab')}
            </button>
          </div>
          <SessionMenu />
        </>
      }
    >
      {view === 'new' ? (
        <div className="ordering">
          <section className="ordering-menu" aria-label={t('menu.title')}>
            {menu ? <MenuGrid menu={menu} category={category} onCategory={setCategory} onItem={pick} onOptions={setChoosing} pictures="thumb" /> : <p>{t('common.loading')}</p>}
          </section>
          <aside className="ordering-cart" aria-label={t('cart.title')}>
            <h2>
              {t('cart.title')} <span className="count">({cartCount(cart)})</span>
              {lastNumber !== null && <span className="last-number" data-testid="last-number" data-number={lastNumber}>{t('counter.lastNumber', { number: lastNumber })}</span>}
            </h2>
            <div className="cart-scroll">
              <CartView cart={cart} onChange={setCart} notes />
            </div>
            <div className="cart-footer">
              <OrderTypePicker
                type={type}
                onType={setType}
                {...table.pickerProps}
              />
              <CustomerPicker
                value={customer}
                onChange={(c) => {
                  setCustomer(c);
                  setPoints('');
                }}
              />
              {customer && <RedeemPoints customerId={customer.id} value={points} onChange={setPoints} error={priced.error} />}
              <CouponField
                coupon={coupon}
                error={couponError ?? (priced.error?.code === 'coupon_invalid' ? priced.error.message : null)}
                onCouponChange={(code) => {
                  setCoupon(code);
                  setCouponError(null);
                }}
              />
              <DiscountButton discount={discount} quote={priced.quote} error={priced.error} disabled={cart.length === 0} onOpen={() => setDiscounting(true)} />
              <div className="cart-pay">
                <CartTotal cart={cart} currency={currency} quote={priced.quote} />
                <div className="row">
                  <Button onClick={clearSale} disabled={cart.length === 0}>
                    {t('cart.clear')}
                  </Button>
                  <Button variant="primary" size="xl" onClick={() => void place()} disabled={cart.length === 0 || placing} title="F9" data-testid="place-order">
                    {t('counter.placeAndPay')}
                  </Button>
                </div>
              </div>
              <p className="shortcuts">{t('counter.shortcuts')}</p>
            </div>
          </aside>
        </div>
      ) : view === 'orders' ? (
        <OrdersView orders={orders} actions={actions} />
      ) : (
        <HistoryView actions={actions} />
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
      <DiscountDialog
        open={discounting}
        sale={sale}
        currency={currency}
        current={discount}
        onApply={(d) => {
          setDiscount(d);
          setDiscounting(false);
        }}
        onRemove={() => {
          setDiscount(null);
          setDiscounting(false);
        }}
        onClose={() => setDiscounting(false)}
      />
      <PaymentDialog order={paying} onClose={() => setPaying(null)} onPrint={print} />
      <CancelDialog
        order={cancelling}
        onClose={() => setCancelling(null)}
        onNeedsRefund={(o) => {
          setCancelling(null);
          setRefunding({ order: o, cancel: true });
        }}
      />
      <RefundDialog refunding={refundingNow} onClose={() => setRefunding(null)} onDone={refunded} />
      <ShiftDialog open={shiftOpen} onClose={() => setShiftOpen(false)} currency={currency} canPrint={printer?.configured ?? false} />
      <Receipt order={printing} />
    </Layout>
  );
}
