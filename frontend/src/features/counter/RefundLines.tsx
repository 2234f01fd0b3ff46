import { useTranslation } from 'react-i18next';
import type { Order } from '../../api';
import { Money, money } from '../../ui';
import { lineShare, refundableQuantities } from './refund';
import { Stepper } from './Stepper';

/** The order's lines to give back: a checkbox and how many of each (never more than is left to refund). */
export function RefundLines({ order, picked, onChange }: { order: Order; picked: number[]; onChange: (picked: number[]) => void }) {
  const { t } = useTranslation();
  const left = refundableQuantities(order);
  const set = (i: number, q: number) => onChange(order.lines.map((_, j) => (j === i ? q : (picked[j] ?? 0))));
  return (
    <fieldset className="pick-lines">
      <legend>{t('counter.refund.pickLines')}</legend>
      <ul>
        {order.lines.map((l, i) => {
          const max = left[i] ?? 0;
          const q = picked[i] ?? 0;
          return (
            <li key={i} className="refund-line" data-testid="refund-line" data-line-no={i}>
              <label className="check pick-line">
                <input type="checkbox" checked={q > 0} disabled={max === 0} onChange={() => set(i, q > 0 ? 0 : max)} data-testid="refund-line-check" />
                <span className="pick-line-name">
                  {l.quantity}× {l.name}
                  {max < l.quantity && <span className="hint"> · {t('counter.refund.alreadyRefunded', { count: l.quantity - max })}</span>}
                </span>
                <Money value={q > 0 ? money(lineShare(order, i, q), l.line_total.currency) : l.line_total} />
              </label>
              {q > 0 && max > 1 && (
                <Stepper
                  value={q}
                  min={1}
                  max={max}
                  onChange={(v) => set(i, v)}
                  label={t('counter.refund.quantityOf', { name: l.name })}
                  less={t('counter.refund.less', { name: l.name })}
                  more={t('counter.refund.more', { name: l.name })}
                  testid="refund-qty"
                />
              )}
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
