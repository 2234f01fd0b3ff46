import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ItemView } from '../api/types';
import { Button, Dialog, Money } from '../ui';
import { countedName } from './repeats';
import './ordering.css';
import { canTakeMore, countOf, defaultSelection, selectionDelta, selectionErrors, selectionIds, stepOption, toggleOption, type Selection } from './selection';

/**
 * Choose an item's options; the Add button stays off until every group's min/max holds.
 * In a group whose max is above 1 an option taken shows a −/+ stepper: a double extra shot.
 */
export function ModifierDialog({
  item,
  onAdd,
  onClose,
  withNote = false,
}: {
  item: ItemView | null;
  onAdd: (optionIds: string[], quantity: number, note: string) => void;
  onClose: () => void;
  withNote?: boolean;
}) {
  return (
    <Dialog open={item !== null} title={item?.name ?? ''} onClose={onClose} wide>
      {item && <Body key={item.id} item={item} onAdd={onAdd} onClose={onClose} withNote={withNote} />}
    </Dialog>
  );
}

function Body({
  item,
  onAdd,
  onClose,
  withNote,
}: {
  item: ItemView;
  onAdd: (optionIds: string[], quantity: number, note: string) => void;
  onClose: () => void;
  withNote: boolean;
}) {
  const { t } = useTranslation();
  const [selected, setSelected] = useState<Selection>(() => defaultSelection(item));
  const [quantity, setQuantity] = useState(1);
  const [note, setNote] = useState('');
  const errors = selectionErrors(item.modifier_groups, selected);
  const unit = item.price.amount + selectionDelta(item, selected);
  return (
    <div className="modifiers">
      {item.modifier_groups.map((g) => {
        const err = errors.find((e) => e.groupId === g.id);
        const single = g.max === 1;
        return (
          <fieldset key={g.id} className={`modifier-group ${err ? 'has-error' : ''}`}>
            <legend>
              {g.name}{' '}
              <span className="hint">
                {g.min > 0 && g.min === g.max
                  ? t('modifiers.chooseExactly', { count: g.min })
                  : g.min > 0
                    ? t('modifiers.chooseRange', { min: g.min, max: g.max })
                    : t('modifiers.chooseUpTo', { count: g.max })}
              </span>
            </legend>
            <div className="option-grid">
              {g.options.map((o) => {
                const count = countOf(selected, o.id);
                const on = count > 0;
                const option = (
                  <button
                    key={o.id}
                    type="button"
                    role={single ? 'radio' : 'checkbox'}
                    aria-checked={on}
                    className={`btn option ${on ? 'option-on' : ''}`}
                    onClick={() => setSelected((s) => toggleOption(g, s, o.id))}
                    data-testid="modifier-option"
                    data-option-id={o.id}
                    data-option-name={o.name}
                    data-group-name={g.name}
                    data-count={count}
                  >
                    <span>{countedName(o.name, count)}</span>
                    {o.price_delta.amount !== 0 && (
                      <span className="option-delta">
                        +<Money value={o.price_delta} />
                      </span>
                    )}
                  </button>
                );
                if (single || !on) return option;
                return (
                  <span key={o.id} className="option-cell" role="group" aria-label={o.name}>
                    {option}
                    <Button
                      className="option-step"
                      onClick={() => setSelected((s) => stepOption(g, s, o.id, -1))}
                      aria-label={t('modifiers.oneLess', { name: o.name })}
                      data-testid="modifier-less"
                    >
                      −
                    </Button>
                    <Button
                      className="option-step"
                      disabled={!canTakeMore(g, selected)}
                      onClick={() => setSelected((s) => stepOption(g, s, o.id, 1))}
                      aria-label={t('modifiers.oneMore', { name: o.name })}
                      data-testid="modifier-more"
                    >
                      +
                    </Button>
                  </span>
                );
              })}
            </div>
          </fieldset>
        );
      })}
      {withNote && (
        <label className="field">
          <span>{t('cart.note')}</span>
          <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={200} />
        </label>
      )}
      <div className="modifier-footer">
        <div className="qty" role="group" aria-label={t('cart.quantity')}>
          <Button onClick={() => setQuantity((q) => Math.max(1, q - 1))} aria-label={t('cart.decrease')}>
            −
          </Button>
          <span className="qty-value" aria-live="polite">
            {quantity}
          </span>
          <Button onClick={() => setQuantity((q) => Math.min(99, q + 1))} aria-label={t('cart.increase')}>
            +
          </Button>
        </div>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button
          variant="primary"
          size="lg"
          disabled={errors.length > 0}
          onClick={() => onAdd(selectionIds(item, selected), quantity, note)}
          data-testid="modifier-add"
        >
          {t('modifiers.add')} · <Money value={{ amount: unit * quantity, currency: item.price.currency }} />
        </Button>
      </div>
    </div>
  );
}
