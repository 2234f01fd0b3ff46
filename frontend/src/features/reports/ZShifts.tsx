import { useTranslation } from 'react-i18next';
import type { Money as MoneyT, Shift } from '../../api';
import { CashDifference, Money } from '../../ui';

/** The day's shifts: float, cash in and out, expected and counted cash, and the difference of each closed one. */
export function ZShifts({ shifts }: { shifts: Shift[] }) {
  const { t, i18n } = useTranslation();
  const time = new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short' });
  const dateTime = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  const when = (iso: string, sameDayAs: string) =>
    new Date(iso).toDateString() === new Date(sameDayAs).toDateString() ? time.format(new Date(iso)) : dateTime.format(new Date(iso));
  const figure = (label: string, value: MoneyT | null | undefined, testid: string) => (
    <div>
      <dt>{label}</dt>
      <dd data-testid={testid} data-amount={value?.amount}>
        {value ? <Money value={value} /> : '—'}
      </dd>
    </div>
  );
  return (
    <section className="panel" aria-labelledby="z-shifts-h">
      <h2 id="z-shifts-h">{t('reports.z.shifts')}</h2>
      {shifts.length === 0 && <p className="hint">{t('reports.z.noShifts')}</p>}
      <ul className="z-shifts">
        {shifts.map((s) => (
          <li key={s.id} className="z-shift" data-testid="z-shift" data-difference={s.difference?.amount}>
            <p className="z-shift-time">
              {t('reports.z.opened')} {when(s.opened_at, s.opened_at)} · {s.closed_at ? `${t('reports.z.closed')} ${when(s.closed_at, s.opened_at)}` : t('reports.z.stillOpen')}
            </p>
            <dl className="z-shift-figures">
              {figure(t('reports.z.float'), s.opening_float, 'z-shift-float')}
              {figure(t('reports.z.cashIn'), s.cash_in, 'z-shift-in')}
              {figure(t('reports.z.cashOut'), s.cash_out, 'z-shift-out')}
              {figure(t('reports.z.expected'), s.expected_cash, 'z-shift-expected')}
              {figure(t('reports.z.counted'), s.counted_cash, 'z-shift-counted')}
              <div className={s.difference && s.difference.amount < 0 ? 'z-shift-short' : ''}>
                <dt>{t('reports.z.difference')}</dt>
                <dd>{s.difference ? <CashDifference value={s.difference} testid="z-shift-difference" /> : '—'}</dd>
              </div>
            </dl>
          </li>
        ))}
      </ul>
    </section>
  );
}
