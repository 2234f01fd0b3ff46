import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Money } from '../ui';
import { setNote, setQuantity, removeLine, type Cart } from './cart';
import './ordering.css';

/** Cart lines with quantity, optional note and remove. */
export function CartView({ cart, onChange, notes = false }: { cart: Cart; onChange: (c: Cart) => void; notes?: boolean }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<string | null>(null);
  if (cart.length === 0) return <p className="cart-empty">{t('cart.empty')}</p>;
  return (
    <ul className="cart-lines" aria-label={t('cart.title')}>
      {cart.map((l) => (
        <li key={l.key} className="cart-line" data-testid="cart-line">
          <div className="cart-line-main">
            <span className="cart-line-name">{l.name}</span>
            <Money value={{ amount: l.unitAmount * l.quantity, currency: l.currency }} />
          </div>
          {l.optionNames.length > 0 && <div className="cart-line-mods">{l.optionNames.join(', ')}</div>}
          {l.note && <div className="cart-line-note">“{l.note}”</div>}
          <div className="cart-line-actions">
            <Button onClick={() => onChange(setQuantity(cart, l.key, l.quantity - 1))} aria-label={t('cart.decreaseItem', { name: l.name })}>
              −
            </Button>
            <span className="qty-value">{l.quantity}</span>
            <Button onClick={() => onChange(setQuantity(cart, l.key, l.quantity + 1))} aria-label={t('cart.increaseItem', { name: l.name })}>
              +
            </Button>
            {notes && (
              <Button onClick={() => setEditing(editing === l.key ? null : l.key)}>{t('cart.note')}</Button>
            )}
            <Button variant="ghost" onClick={() => onChange(removeLine(cart, l.key))} aria-label={t('cart.removeItem', { name: l.name })}>
              ✕
            </Button>
          </div>
          {notes && editing === l.key && (
            <label className="field">
              <span>{t('cart.noteFor', { name: l.name })}</span>
              <input
                autoFocus
                defaultValue={l.note}
                maxLength={200}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    onChange(setNote(cart, l.key, e.currentTarget.value));
                    setEditing(null);
                  }
                }}
                onBlur={(e) => {
                  onChange(setNote(cart, l.key, e.currentTarget.value));
                  setEditing(null);
                }}
              />
            </label>
          )}
        </li>
      ))}
    </ul>
  );
}
