import { useTranslation } from 'react-i18next';
import type { Order } from '../../api';
import { Money } from '../../ui';
import { Stepper } from './Stepper';
import { MAX_WAYS, MIN_WAYS, amountDue, splitWays, type Split } from './payment';

const KINDS = ['whole', 'ways', 'items'] as const;

/** Whole bill, split in equal parts, or by the items each guest had. */
export function SplitPicker({ order, split, onChange }: { order: Order; split: Split; onChange: (s: Split) => void }) {
  const { t } = useTranslation();
  const choose = (kind: Split['kind']) => {
    if (kind === split.kind) return;
    if (kind === 'whole') onChange({ kind: 'whole' });
    else if (kind === 'ways') onChange(splitWays(amountDue(order), MIN_WAYS));
    else onChange({ kind: 'items', picked: [], paid: [] });
  };
  return (
    <div className="split stack">
      <div className="segmented" role="radiogroup" aria-label={t('counter.split.label')}>
        {KINDS.map((k) => (
          <button key={k} type="button" role="radio" aria-checked={split.kind === k} className={`btn ${split.kind === k ? 'option-on' : ''}`} onClick={() => choose(k)} data-testid={`split-${k}`}>
            {t(`counter.split.${k}`)}
          </button>
        ))}
      </div>
      {split.kind === 'ways' && <Ways order={order} split={split} onChange={onChange} />}
      {split.kind === 'items' && <Items order={order} split={split} onChange={onChange} />}
    </div>
  );
}

function Ways({ order, split, onChange }: { order: Order; split: Extract<Split, { kind: 'ways' }>; onChange: (s: Split) => void }) {
  const { t } = useTranslation();
  const n = split.shares.length;
  // The number of ways is set before the first part is paid.
  const fixed = split.part > 0;
  return (
    <div className="row wrap split-ways">
      <Stepper
        value={n}
        min={fixed ? n : MIN_WAYS}
        max={fixed ? n : MAX_WAYS}
        onChange={(v) => onChange(splitWays(amountDue(order), v))}
        label={t('counter.split.count')}
        less={t('counter.split.fewer')}
        more={t('counter.split.more')}
        testid="split-ways"
      />
      <span className="split-part" data-testid="split-part">
        {t('counter.split.part', { part: split.part + 1, count: n })}
      </span>
    </div>
  );
}

function Items({ order, split, onChange }: { order: Order; split: Extract<Split, { kind: 'items' }>; onChange: (s: Split) => void }) {
  const { t } = useTranslation();
  const toggle = (i: number) =>
    onChange({ ...split, picked: split.picked.includes(i) ? split.picked.filter((p) => p !== i) : [...split.picked, i].sort((a, b) => a - b) });
  return (
    <fieldset className="pick-lines">
      <legend>{t('counter.split.pickItems')}</legend>
      <ul>
        {order.lines.map((l, i) => {
          const paid = split.paid.includes(i);
          return (
            <li key={i}>
              <label className="check pick-line" data-testid="split-line" data-line-no={i}>
                <input type="checkbox" checked={paid || split.picked.includes(i)} disabled={paid} onChange={() => toggle(i)} />
                <span className="pick-line-name">
                  {l.quantity}× {l.name}
                  {paid && <span className="hint"> · {t('counter.split.itemPaid')}</span>}
                </span>
                <Money value={l.line_total} />
              </label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
