import { useCallback, useRef, useState } from 'react';
import type { OrderType } from '../api';
import { missingTable, type OrderDefaults } from './order-defaults';

/**
 * The table of an eat-in order, shared by the counter and the kiosk: its value, whether a
 * send was stopped for want of it, and the props of `OrderTypePicker`'s table field.
 */
export function useTableField(defaults: OrderDefaults) {
  const [value, setValue] = useState('');
  const [missing, setMissing] = useState(false);
  const ref = useRef<HTMLInputElement>(null);
  // Stable, so callbacks that start a new sale need not change with every keystroke.
  const reset = useCallback(() => {
    setValue('');
    setMissing(false);
  }, []);
  return {
    /** The table to send with an order of `type` (only for eat-in, and only when typed). */
    forOrder: (type: OrderType) => (type === 'dine_in' && value.trim() ? { table: value.trim() } : {}),
    /** False (and the field marked and focused) when an order of `type` still needs its table. */
    ready: (type: OrderType) => {
      if (!missingTable(type, value, defaults)) return true;
      setMissing(true);
      ref.current?.focus();
      return false;
    },
    reset,
    /** Spread into `OrderTypePicker`. */
    pickerProps: {
      table: {
        value,
        onChange: (v: string) => {
          setValue(v);
          setMissing(false);
        },
      },
      tableRequired: defaults.tablesRequired,
      tableMissing: missing,
      tableRef: ref,
    },
  };
}
