import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { keyFromKeyboard, pressKey, type PadKey } from './amount-entry';
import { decimalSeparator } from './decimal';
import { minorDigits } from './money';

const KEYS: PadKey[] = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'dec', '0', '00', 'clear', 'back'];

/**
 * The number pad for money: whole units first (5, 1 is 51), a "00" key and the locale's
 * decimal key (see amount-entry.ts). The value is the entry text; `entryToMinor` reads it.
 * Also takes the keyboard's digits, "." and ",", Backspace, Delete and Enter.
 */
export function MoneyPad({
  value,
  onChange,
  onEnter,
  label,
  currency,
  keyboard = true,
  testid,
}: {
  value: string;
  onChange: (v: string) => void;
  onEnter?: () => void;
  label: string;
  currency: string;
  keyboard?: boolean;
  /** Stable test ids: the pad is `<testid>-pad`, its keys `<testid>-key-<0…9|00|dec|clear|back>`. */
  testid?: string;
}) {
  const { t, i18n } = useTranslation();
  const digits = minorDigits(currency);
  const separator = decimalSeparator(i18n.language);
  useEffect(() => {
    if (!keyboard) return;
    const h = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA')) return;
      if (e.ctrlKey || e.altKey || e.metaKey) return;
      const k = keyFromKeyboard(e.key);
      if (k) {
        e.preventDefault();
        onChange(pressKey(value, k, digits));
      } else if (e.key === 'Enter' && onEnter) {
        e.preventDefault();
        onEnter();
      }
    };
    window.addEventListener('keydown', h);
    return () => window.removeEventListener('keydown', h);
  }, [keyboard, value, digits, onChange, onEnter]);
  const keys = digits === 0 ? KEYS.filter((k) => k !== 'dec') : KEYS;
  const text = (k: PadKey) => (k === 'back' ? '⌫' : k === 'clear' ? 'C' : k === 'dec' ? separator : k);
  const name = (k: PadKey) =>
    k === 'back' ? t('common.backspace') : k === 'clear' ? t('common.clear') : k === 'dec' ? t('common.decimalKey') : k;
  return (
    <div className={`numpad money-pad ${digits === 0 ? 'no-decimal' : ''}`} role="group" aria-label={label} data-testid={testid ? `${testid}-pad` : undefined}>
      {keys.map((k) => (
        <button
          key={k}
          type="button"
          className={`btn btn-secondary numpad-key numpad-${k}`}
          onClick={() => onChange(pressKey(value, k, digits))}
          aria-label={name(k)}
          data-testid={testid ? `${testid}-key-${k}` : undefined}
        >
          {text(k)}
        </button>
      ))}
    </div>
  );
}
