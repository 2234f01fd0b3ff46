import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { MenuView, Order } from '../../api';
import { useApiErrorText, useToast } from '../../ui';
import { modifierLabels } from '../../ordering/repeats';
import { useBumpOrderLine } from './api/set-order-status';
import { ageClass, atStation, changedModifiers, defaultOptionIds, linesToMake, stationQueue } from './board';

interface Props {
  station: string;
  orders: Order[];
  menu: MenuView | undefined;
  now: number;
  amber: number;
  red: number;
}

/**
 * One station's board (`/kitchen?station=bar`): the orders with lines to make here, each line
 * a button that bumps it (made) or, once made, recalls it; Done bumps all of the order's lines
 * here. When every line of an order is made (at every station) the server marks it ready.
 * Orders this station has made stay in the Made column for a recall until they are collected.
 */
export function StationBoard({ station, orders, menu, now, amber, red }: Props) {
  const { t, i18n } = useTranslation();
  const errorText = useApiErrorText();
  const toast = useToast();
  const defaults = useMemo(() => defaultOptionIds(menu), [menu]);
  const { mutateAsync: bump } = useBumpOrderLine();
  const { toMake, made } = stationQueue(orders, station);
  const time = new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short' });

  const bumpLines = async (o: Order, lines: number[], done: boolean) => {
    try {
      for (const lineNo of lines) await bump({ id: o.id, lineNo, done });
    } catch (e) {
      toast(errorText(e), 'error');
    }
  };

  const ticket = (o: Order, column: 'to-make' | 'made') => {
    const minutes = Math.max(0, Math.floor((now - Date.parse(o.created_at)) / 60_000));
    const here = o.lines.map((l, i) => ({ l, i })).filter(({ l }) => atStation(l, station));
    const elsewhere = o.lines.filter((l) => !atStation(l, station));
    const left = linesToMake(o, station);
    return (
      <li key={o.id} className={`ticket station-ticket ${ageClass(minutes, amber, red)}`} data-testid="station-ticket" data-number={o.number}>
        <div className="ticket-head">
          <span className="ticket-number">#{o.number}</span>
          <span className="ticket-type">
            {t(`order.types.${o.type}`)}
            {o.table ? ` · ${t('order.tableN', { table: o.table })}` : ''}
          </span>
          <span className="ticket-age">{t('kitchen.minutes', { count: minutes })}</span>
          {o.estimated_ready_at && column === 'to-make' && (
            <span className="ticket-eta" data-testid="ticket-eta">
              {t('kitchen.readyBy', { time: time.format(new Date(o.estimated_ready_at)) })}
            </span>
          )}
        </div>
        <ul className="station-lines">
          {here.map(({ l, i }) => {
            const mods = changedModifiers(l, defaults);
            const done = Boolean(l.done_at);
            return (
              <li key={i}>
                <button
                  type="button"
                  className={`station-line${done ? ' is-done' : ''}`}
                  aria-pressed={done}
                  onClick={() => void bumpLines(o, [i], !done)}
                  data-testid="station-line"
                >
                  <span className="ticket-qty">{l.quantity}×</span> {l.name}
                  {mods.length > 0 && <span className="ticket-mods">{modifierLabels(mods).join(', ')}</span>}
                  {l.note && <span className="ticket-note">✎ {l.note}</span>}
                  <span className="sr-only">{t('kitchen.lineState', { state: t(done ? 'kitchen.lineMade' : 'kitchen.lineToMake') })}</span>
                </button>
              </li>
            );
          })}
        </ul>
        {elsewhere.length > 0 && (
          <p className="station-elsewhere">{t('kitchen.otherStations', { lines: elsewhere.map((l) => `${l.quantity}× ${l.name}`).join(', ') })}</p>
        )}
        {column === 'to-make' ? (
          <button type="button" className="btn btn-primary station-done" onClick={() => void bumpLines(o, left, true)} aria-label={t('kitchen.bumpAllLabel', { number: o.number })} data-testid="station-done">
            {t('kitchen.bumpAll')}
          </button>
        ) : (
          <button
            type="button"
            className="btn btn-ghost ticket-back"
            onClick={() => void bumpLines(o, here.map(({ i }) => i), false)}
            aria-label={t('kitchen.recallOrderLabel', { number: o.number })}
            data-testid="station-recall"
          >
            ↩ {t('kitchen.recallOrder')}
          </button>
        )}
      </li>
    );
  };

  return (
    <div className="board station-board" data-station={station}>
      <section className="board-col col-placed" aria-labelledby="col-to-make" data-testid="col-to-make">
        <h2 id="col-to-make">
          {t('kitchen.toMake')} <span className="count">{toMake.length}</span>
        </h2>
        {toMake.length === 0 && <p className="station-empty">{t('kitchen.nothing')}</p>}
        <ul className="tickets">{toMake.map((o) => ticket(o, 'to-make'))}</ul>
      </section>
      <section className="board-col col-ready" aria-labelledby="col-made" data-testid="col-made">
        <h2 id="col-made">
          {t('kitchen.made')} <span className="count">{made.length}</span>
        </h2>
        <ul className="tickets">{made.map((o) => ticket(o, 'made'))}</ul>
      </section>
    </div>
  );
}
