import { useTranslation } from 'react-i18next';
import { Stars } from '../../ui';
import { usePublicFeedback } from './api/public-feedback';
import './reviews.css';

/** Most reviews the strip shows. */
const SHOWN = 8;

/** A strip of recent approved reviews with their stars (nothing while there are none). */
export function ReviewsStrip() {
  const { t, i18n } = useTranslation();
  const q = usePublicFeedback();
  const reviews = (q.data?.feedback ?? []).slice(0, SHOWN);
  if (reviews.length === 0) return null;
  return (
    <section className="reviews" aria-labelledby="reviews-title" data-testid="reviews">
      <h2 id="reviews-title" className="reviews-title">
        {t('feedback.reviews')}
      </h2>
      <ul className="reviews-list">
        {reviews.map((r) => (
          <li key={r.id} className="review" data-testid="review">
            <Stars rating={r.rating} />
            {r.comment && <p className="review-comment">{r.comment}</p>}
            <p className="review-by">
              {r.name ?? t('feedback.aGuest')} · {new Date(r.created_at).toLocaleDateString(i18n.language, { dateStyle: 'medium' })}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
