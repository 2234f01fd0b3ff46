import { useTranslation } from 'react-i18next';
import type { Money } from '../api/types';
import { minorDigits } from './money';

/** The charts' colours, in order. */
export const COLORS = ['#5a2e0c', '#0b5cad', '#0f6b2f', '#a3140f', '#8a5200', '#4a4036'];

/** A calendar day as `YYYY-MM-DD` in this device's time zone. */
export function isoDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The day `delta` days after (or before) the `YYYY-MM-DD` day `iso`. */
export function addDays(iso: string, delta: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return isoDay(new Date(y, m - 1, d + delta));
}

/** Money on charts: charts plot numbers (major units); the labels come back in the shop's currency. */
export function useChartMoney(currency: string) {
  const { i18n } = useTranslation();
  return {
    major: (m: Money) => m.amount / 10 ** minorDigits(m.currency),
    full: (v: number) => new Intl.NumberFormat(i18n.language, { style: 'currency', currency }).format(v),
    axis: (v: number) => new Intl.NumberFormat(i18n.language, { style: 'currency', currency, maximumFractionDigits: 0 }).format(v),
  };
}

/** Hands a file the page holds (CSV text, a PDF) to the browser as a download named `name`. */
export function saveFile(data: Blob, name: string): void {
  const url = URL.createObjectURL(data);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
