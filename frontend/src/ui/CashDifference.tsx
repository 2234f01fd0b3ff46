import { useTranslation } from 'react-i18next';
import type { Money as MoneyT } from '../api/types';
import { useFormatMoney } from './Money';

/** Counted minus expected cash in words: short (red), over or exact. */
export function CashDifference({ value, testid }: { value: MoneyT; testid?: string }) {
  const { t } = useTranslation();
  const fmt = useFormatMoney();
  const kind = value.amount < 0 ? 'short' : value.amount > 0 ? 'over' : 'exact';
  return (
    <span className={`cash-diff cash-diff-${kind}`} data-testid={testid} data-amount={value.amount} data-kind={kind}>
      {t(`cash.${kind}`, { amount: fmt({ ...value, amount: Math.abs(value.amount) }) })}
    </span>
  );
}
