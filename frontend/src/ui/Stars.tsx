import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import './stars.css';

const STARS = [1, 2, 3, 4, 5] as const;

/** A rating shown as five stars, read out as "4 of 5 stars". */
export function Stars({ rating }: { rating: number }) {
  const { t } = useTranslation();
  return (
    <span className="stars" role="img" aria-label={t('feedback.ratingOf', { rating })} data-rating={rating}>
      {STARS.map((n) => (
        <span key={n} aria-hidden="true" className={n <= rating ? 'star-on' : 'star-off'}>
          ★
        </span>
      ))}
    </span>
  );
}

/** Choosing 1 to 5 stars: a radio group with a label per star (arrow keys move, as in any radio group). */
export function StarRating({ value, onChange, legend }: { value: number; onChange: (n: number) => void; legend: string }) {
  const { t } = useTranslation();
  const name = useId();
  return (
    <fieldset className="star-rating" data-testid="star-rating">
      <legend>{legend}</legend>
      <div className="star-rating-row">
        {STARS.map((n) => (
          <label key={n} className={`star-choice ${n <= value ? 'star-on' : 'star-off'}`}>
            <input
              type="radio"
              className="sr-only"
              name={name}
              value={n}
              checked={value === n}
              onChange={() => onChange(n)}
              data-testid={`star-${n}`}
            />
            <span aria-hidden="true">★</span>
            <span className="sr-only">{t('feedback.stars', { count: n })}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
