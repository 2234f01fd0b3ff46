import { useTranslation } from 'react-i18next';
import { minorDigits } from '../../ui';
import { percentTip, roundUpTip } from './payment';

/** Quick tips on `amount`: none, 5 %, 10 %, or up to the next whole unit (an exact tip goes through the number pad). */
export function TipButtons({ amount, currency, tip, onTip }: { amount: number; currency: string; tip: number; onTip: (minor: number) => void }) {
  const { t } = useTranslation();
  const options = [
    { id: 'none', label: t('counter.tip.none'), value: 0 },
    { id: '5', label: t('counter.tip.percent', { percent: 5 }), value: percentTip(amount, 5) },
    { id: '10', label: t('counter.tip.percent', { percent: 10 }), value: percentTip(amount, 10) },
    { id: 'round', label: t('counter.tip.roundUp'), value: roundUpTip(amount, minorDigits(currency)) },
  ];
  const selected = options.find((o) => o.value === tip && (o.id === 'none' || o.value > 0))?.id;
  return (
    <div className="row wrap tip-buttons" role="group" aria-label={t('counter.tip.quick')}>
      {options.map((o) => (
        <button
          key={o.id}
          type="button"
          className={`btn ${selected === o.id ? 'option-on' : ''}`}
          aria-pressed={selected === o.id}
          disabled={o.id !== 'none' && o.value <= 0}
          onClick={() => onTip(o.value)}
          data-testid={`tip-${o.id}`}
          data-amount={o.value}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}
