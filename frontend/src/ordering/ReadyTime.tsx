import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Order } from '../api/types';

/** Minutes from `now` until `at`, rounded up; 0 once it is due. */
export function minutesUntil(at: string, now: number): number {
  return Math.max(0, Math.ceil((Date.parse(at) - now) / 60_000));
}

/**
 * When the kitchen should have the order ready ("Ready at about 10:42 · in 7 min"), refined
 * live from `order.eta`; "any moment now" once that time has come; nothing once it is ready.
 */
export function ReadyTime({ order }: { order: Pick<Order, 'status' | 'estimated_ready_at'> }) {
  const { t, i18n } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(id);
  }, []);
  const at = order.estimated_ready_at;
  if (!at || (order.status !== 'placed' && order.status !== 'in_progress')) return null;
  const minutes = minutesUntil(at, now);
  const time = new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short' }).format(new Date(at));
  return (
    <p className="ready-time" data-testid="ready-time" data-at={at}>
      {minutes === 0 ? t('order.readyAnyMoment') : t('order.readyAt', { time, count: minutes })}
    </p>
  );
}
