import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type Order } from '../../api';
import { Button, StarRating, useApiErrorText } from '../../ui';
import { useLeaveFeedback, type LeaveFeedbackFn } from './api/leave-feedback';

/** Most characters of a comment (the server's limit). */
const MAX_COMMENT = 500;

/** Whether an order takes feedback: once it is paid or completed, never when cancelled (the server's rule). */
export function feedbackOpen(order: Pick<Order, 'paid' | 'status'>): boolean {
  return order.status !== 'cancelled' && (order.paid || order.status === 'completed');
}

/**
 * "How was your order?": stars and an optional comment, sent once per order (by the signed-in
 * customer or kiosk, or through `leave`: a guest at a table sends with their own session).
 */
export function FeedbackForm({ order, leave }: { order: Order; leave?: LeaveFeedbackFn }) {
  const { t } = useTranslation();
  const errorText = useApiErrorText('feedback.errors');
  const send = useLeaveFeedback(leave);
  const ids = useId();
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  if (!feedbackOpen(order)) return null;
  if (done) {
    return (
      <p className="notice notice-success feedback-done" role="status" data-testid="feedback-thanks">
        {done}
      </p>
    );
  }
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (rating < 1) {
      setError(t('feedback.chooseRating'));
      return;
    }
    setError(null);
    try {
      await send.mutateAsync({ orderId: order.id, body: { rating, ...(comment.trim() ? { comment } : {}) } });
      setDone(t('feedback.thanks'));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'feedback_exists') setDone(errorText(err));
      else setError(errorText(err));
    }
  };
  return (
    <form className="feedback-form stack" onSubmit={(e) => void submit(e)} data-testid="feedback-form" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t('feedback.rateTitle')}</h2>
      <StarRating value={rating} onChange={setRating} legend={t('feedback.rating')} />
      <label className="field">
        <span>{t('feedback.comment')}</span>
        <textarea
          value={comment}
          maxLength={MAX_COMMENT}
          rows={3}
          onChange={(e) => setComment(e.target.value)}
          aria-describedby={`${ids}-hint`}
          data-testid="feedback-comment"
        />
      </label>
      <p id={`${ids}-hint`} className="hint">
        {t('feedback.commentHint')}
      </p>
      {error && (
        <p className="notice notice-error" role="alert" data-testid="feedback-error">
          {error}
        </p>
      )}
      <Button type="submit" variant="primary" size="lg" disabled={send.isPending} data-testid="feedback-send">
        {send.isPending ? t('feedback.sending') : t('feedback.send')}
      </Button>
    </form>
  );
}
