import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { type Order, type OrderStatus } from '../../api';
import { useLiveCache } from '../../api/hooks';
import { applyMenuEvent, useMenu } from '../../api/queries/get-menu';
import { applySettingsEvent, useSettings } from '../../api/queries/get-settings';
import { Button, Layout, SessionMenu, StatusBadge, useApiErrorText, useToast } from '../../ui';
import { applyOpenOrderEvent, useOpenOrders } from './api/get-open-orders';
import { useSetOrderStatus, useStepOrderBack } from './api/set-order-status';
import { ageClass, changedModifiers, defaultOptionIds, nextStatus, stationsOf, unpaidSelfOrder } from './board';
import { StationBoard } from './StationBoard';
import { modifierLabels } from '../../ordering/repeats';
import './kitchen.css';

const BUMPED = 'crema.kitchen.bumped';

function useNow(ms: number) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

/**
 * Three columns; a tap moves a ticket on (placed → in progress → ready). Tapping a ready
 * ticket bumps it off this board (it stays ready for pickup at the counter); Recall brings
 * the last bumped one back. Late thresholds come from the shop settings; `?amber=5&red=10` (minutes) overrides them.
 */
export function KitchenBoard() {
  const { t, i18n } = useTranslation();
  const errorText = useApiErrorText();
  const toast = useToast();
  const [params] = useSearchParams();
  const settings = useSettings().data;
  const amber = Number(params.get('amber') ?? settings?.ticket_amber_minutes ?? 5);
  const red = Number(params.get('red') ?? settings?.ticket_red_minutes ?? 10);
  const station = params.get('station');
  const now = useNow(10_000);
  const [bumped, setBumped] = useState<string[]>(() => JSON.parse(localStorage.getItem(BUMPED) ?? '[]') as string[]);
  useEffect(() => localStorage.setItem(BUMPED, JSON.stringify(bumped.slice(-50))), [bumped]);

  const status = useLiveCache(applyOpenOrderEvent, applySettingsEvent, applyMenuEvent);
  // Only what differs from the defaults is shown (not "Regular, Whole milk" on every coffee).
  const menu = useMenu(status === 'online' ? false : 30_000).data;
  const defaults = useMemo(() => defaultOptionIds(menu), [menu]);
  const q = useOpenOrders(status === 'online');
  const { mutateAsync: setOrderStatus } = useSetOrderStatus();
  const { mutateAsync: stepBack } = useStepOrderBack();
  // Orders customers placed themselves may wait for payment before the kitchen sees them.
  const hideUnpaid = settings?.kitchen_gets_unpaid_orders === false;
  // A guest's order waiting for a cashier to accept it is not the kitchen's yet.
  const orders = (q.data?.orders ?? []).filter((o) => !o.awaiting_accept && !bumped.includes(o.id) && !(hideUnpaid && unpaidSelfOrder(o)));
  const stations = stationsOf(menu);
  const time = new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short' });

  const advance = async (o: Order) => {
    const to = nextStatus(o.status);
    if (!to) {
      setBumped((b) => [...b, o.id]);
      return;
    }
    try {
      await setOrderStatus({ id: o.id, status: to });
    } catch (e) {
      toast(errorText(e), 'error');
    }
  };
  const recall = () => setBumped((b) => b.slice(0, -1));
  const back = async (o: Order) => {
    try {
      await stepBack(o.id);
    } catch (e) {
      toast(errorText(e), 'error');
    }
  };

  const columns: { status: OrderStatus; title: string }[] = [
    { status: 'placed', title: t('kitchen.placed') },
    { status: 'in_progress', title: t('kitchen.inProgress') },
    { status: 'ready', title: t('kitchen.ready') },
  ];
  return (
    <Layout
      title={station ? t('kitchen.stationTitle', { station }) : t('kitchen.title')}
      className="kitchen"
      actions={
        <>
          <StatusBadge status={status} />
          {!station && (
            <Button onClick={recall} disabled={bumped.length === 0}>
              {t('kitchen.recall')}
            </Button>
          )}
          <SessionMenu />
        </>
      }
    >
      {status === 'offline' && (
        <p className="offline-banner" role="alert" data-testid="offline">
          {t('kitchen.offline')}
        </p>
      )}
      {stations.length > 0 && (
        <nav className="station-nav" aria-label={t('kitchen.stations')} data-testid="station-nav">
          <Link to="/kitchen" aria-current={station ? undefined : 'page'}>
            {t('kitchen.allStations')}
          </Link>
          {stations.map((s) => (
            <Link key={s} to={`/kitchen?station=${encodeURIComponent(s)}`} aria-current={station === s ? 'page' : undefined}>
              {s}
            </Link>
          ))}
        </nav>
      )}
      {station ? (
        <StationBoard station={station} orders={orders} menu={menu} now={now} amber={amber} red={red} />
      ) : (
      <div className="board" data-amber-minutes={amber} data-red-minutes={red}>
        {columns.map((c) => {
          const list = orders.filter((o) => o.status === c.status);
          return (
            <section key={c.status} className={`board-col col-${c.status}`} aria-labelledby={`col-${c.status}`} data-testid={`col-${c.status}`}>
              <h2 id={`col-${c.status}`}>
                {c.title} <span className="count">{list.length}</span>
              </h2>
              <ul className="tickets">
                {list.map((o) => {
                  const minutes = Math.max(0, Math.floor((now - Date.parse(o.created_at)) / 60_000));
                  return (
                    <li key={o.id} className="ticket-item">
                      <button
                        type="button"
                        className={`ticket ${ageClass(minutes, amber, red)}`}
                        onClick={() => void advance(o)}
                        data-testid="ticket"
                        data-number={o.number}
                      >
                        <span className="sr-only">{t('kitchen.ticketLabel', { number: o.number, action: t(`kitchen.action.${o.status}`) })}</span>
                        <span className="ticket-head">
                          <span className="ticket-number">#{o.number}</span>
                          <span className="ticket-type">
                            {t(`order.types.${o.type}`)}
                            {o.table ? ` · ${t('order.tableN', { table: o.table })}` : ''}
                          </span>
                          <span className="ticket-age">{t('kitchen.minutes', { count: minutes })}</span>
                          {o.estimated_ready_at && o.status !== 'ready' && (
                            <span className="ticket-eta" data-testid="ticket-eta">
                              {t('kitchen.readyBy', { time: time.format(new Date(o.estimated_ready_at)) })}
                            </span>
                          )}
                          {unpaidSelfOrder(o) && (
                            <span className="ticket-unpaid" data-testid="ticket-unpaid">
                              {t('kitchen.notPaid')}
                            </span>
                          )}
                        </span>
                        <span className="ticket-lines">
                          {o.lines.map((l, i) => {
                            const mods = changedModifiers(l, defaults);
                            return (
                              <span key={i} className={`ticket-line${l.done_at ? ' is-done' : ''}`}>
                                <span className="ticket-qty">{l.quantity}×</span> {l.name}
                                {mods.length > 0 && <span className="ticket-mods" data-testid="ticket-mods">{modifierLabels(mods).join(', ')}</span>}
                                {l.note && (
                                  <span className="ticket-note" data-testid="ticket-note">
                                    <span aria-hidden="true">✎ </span>
                                    {l.note}
                                  </span>
                                )}
                              </span>
                            );
                          })}
                        </span>
                      </button>
                      {(o.status === 'in_progress' || o.status === 'ready') && (
                        <button
                          type="button"
                          className="btn btn-ghost ticket-back"
                          onClick={() => void back(o)}
                          aria-label={t('kitchen.backTo', { number: o.number, column: t(o.status === 'ready' ? 'kitchen.inProgress' : 'kitchen.placed') })}
                          data-testid="ticket-back"
                        >
                          ↩ {t(o.status === 'ready' ? 'kitchen.inProgress' : 'kitchen.placed')}
                        </button>
                      )}
                    </li>
                  );
                })}
              </ul>
            </section>
          );
        })}
      </div>
      )}
    </Layout>
  );
}
