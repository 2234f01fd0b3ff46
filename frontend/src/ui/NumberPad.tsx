import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A code after a key of the pad: digits are appended up to `maxLength` (a leading 0 stays:
 * PINs and pairing codes such as 012345 are codes, not numbers), `back` deletes the last
 * one, `clear` all.
 */
export function padPress(value: string, key: string, maxLength: number): string {
  if (key === 'back') return value.slice(0, -1);
  if (key === 'clear') return '';
  if (!/^[0-9]$/.test(key) || value.length >= maxLength) return value;
  return value + key;
}

/** A touch pad for PINs and codes; also takes the keyboard's digits, Backspace and Enter. */
export function NumberPad({
  value,
  onChange,
  onEnter,
  maxLength = 8,
  label,
  keyboard = true,
  testid,
}: {
  value: string;
  onChange: (v: string) => void;
  onEnter?: () => void;
  maxLength?: number;
  label: string;
  keyboard?: boolean;
  /** Stable test ids: the pad is `<testid>-pad`, its keys `<testid>-key-<0…9|clear|back>`. */
  testid?: string;
}) {
  const { t } = useTranslation();
  const press = (k: string) => onChange(padPress(value, k, maxLength));
  useEffect(() => {
    if (!keyboard) return;
    const h = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA')) return;
      if (/^[0-9]$/.test(e.key)) {
        e.preventDefault();
        onChange(padPress(value, e.key, maxLength));
      } else if (e.key === 'Backspace') {
        e.preventDefault();
        onChange(value.slice(0, -1));
      } else if (e.key === 'Enter' && onEnter) {
        e.preventDefault();
        onEnter();
      }
    };
    window.addEventListener('keydown', h);
    return () => window.removeEventListener('keydown', h);
  }, [keyboard, value, maxLength, onChange, onEnter]);
  const keys = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'clear', '0', 'back'];
  return (
    <div className="numpad" role="group" aria-label={label} data-testid={testid ? `${testid}-pad` : undefined}>
      {keys.map((k) => (
        <button
          key={k}
          type="button"
          className="btn btn-secondary numpad-key"
          onClick={() => press(k)}
          aria-label={k === 'back' ? t('common.backspace') : k === 'clear' ? t('common.clear') : k}
          data-testid={testid ? `${testid}-key-${k}` : undefined}
        >
          {k === 'back' ? '⌫' : k === 'clear' ? 'C' : k}
        </button>
      ))}
    </div>
  );
}
