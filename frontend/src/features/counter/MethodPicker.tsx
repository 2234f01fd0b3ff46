import { useTranslation } from 'react-i18next';
import type { PaymentMethod } from '../../api';

const METHODS: PaymentMethod[] = ['cash', 'card', 'other'];

/** Cash, card or other, as one row of big radio buttons (test ids `<testid>-<method>`). */
export function MethodPicker({ value, onChange, label, testid }: { value: PaymentMethod; onChange: (m: PaymentMethod) => void; label: string; testid: string }) {
  const { t } = useTranslation();
  return (
    <div className="segmented" role="radiogroup" aria-label={label}>
      {METHODS.map((m) => (
        <button key={m} type="button" role="radio" aria-checked={value === m} className={`btn ${value === m ? 'option-on' : ''}`} onClick={() => onChange(m)} data-testid={`${testid}-${m}`}>
          {t(`counter.methods.${m}`)}
        </button>
      ))}
    </div>
  );
}
