import { useTranslation } from 'react-i18next';
import type { Money as MoneyT } from '../api/types';
import { formatMoney } from './money';

export function Money({ value, className }: { value: MoneyT; className?: string }) {
  const { i18n } = useTranslation();
  return <span className={`money ${className ?? ''}`}>{formatMoney(value, i18n.language)}</span>;
}

export function useFormatMoney(): (m: MoneyT) => string {
  const { i18n } = useTranslation();
  return (m) => formatMoney(m, i18n.language);
}
