import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderType } from '../api/types';

/** Takeaway or eat in, and for eat-in the table (required where the shop serves at the tables). */
export function OrderTypePicker({
  type,
  onType,
  table,
  tableRequired = false,
  tableMissing = false,
  tableRef,
}: {
  type: OrderType;
  onType: (t: OrderType) => void;
  /** The table field (shown for eat-in); left out where no table is taken. */
  table?: { value: string; onChange: (v: string) => void };
  tableRequired?: boolean;
  /** The order was sent without the table it needs: the field says so. */
  tableMissing?: boolean;
  tableRef?: Ref<HTMLInputElement>;
}) {
  const { t } = useTranslation();
  return (
    <>
      <div className="segmented" role="radiogroup" aria-label={t('order.type')}>
        {(['takeaway', 'dine_in'] as const).map((ty) => (
          <button key={ty} type="button" role="radio" aria-checked={type === ty} className={`btn ${type === ty ? 'option-on' : ''}`} onClick={() => onType(ty)} data-testid={`order-type-${ty}`}>
            {t(`order.types.${ty}`)}
          </button>
        ))}
      </div>
      {table && type === 'dine_in' && (
        <label className="field">
          <span>
            {t('order.table')}
            {!tableRequired && <span className="hint"> {t('order.optional')}</span>}
          </span>
          <input
            ref={tableRef}
            name="table"
            value={table.value}
            onChange={(e) => table.onChange(e.target.value)}
            maxLength={20}
            required={tableRequired}
            aria-invalid={tableMissing || undefined}
            aria-describedby={tableMissing ? 'table-missing' : undefined}
            data-testid="table"
          />
          {tableMissing && (
            <span id="table-missing" className="field-error" role="alert" data-testid="table-missing">
              {t('order.tableMissing')}
            </span>
          )}
        </label>
      )}
    </>
  );
}
