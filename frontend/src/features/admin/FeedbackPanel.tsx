import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Feedback } from '../../api';
import { Button, Stars, useApiErrorText, useToast } from '../../ui';
import { useFeedback, useModerateFeedback, type FeedbackFilter } from './api/feedback';
import './inbox.css';

const FILTERS: FeedbackFilter[] = ['all', 'pending', 'approved', 'rejected'];

/** Feedback moderation: pending first; approve (shown on the kiosk) or reject; filter by state. */
export function FeedbackPanel() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<FeedbackFilter>('all');
  const q = useFeedback(filter);
  const list = q.data?.feedback ?? [];
  return (
    <section className="stack" aria-labelledby="feedback-panel-title">
      <h2 id="feedback-panel-title">{t('feedback.title')}</h2>
      <fieldset className="feedback-filters">
        <legend>{t('feedback.show')}</legend>
        {FILTERS.map((f) => (
          <label key={f} className={`btn btn-md ${f === filter ? 'btn-primary' : 'btn-secondary'}`}>
            <input type="radio" className="sr-only" name="feedback-filter" value={f} checked={f === filter} onChange={() => setFilter(f)} data-testid={`feedback-filter-${f}`} />
            {t(`feedback.status.${f}`)}
          </label>
        ))}
      </fieldset>
      {q.isPending && <p>{t('common.loading')}</p>}
      {q.isError && <p className="notice notice-error">{t('errors.network')}</p>}
      {q.data && list.length === 0 && <p data-testid="feedback-none">{t('feedback.none')}</p>}
      <ul className="feedback-list" data-testid="feedback-list">
        {list.map((f) => (
          <FeedbackRow key={f.id} f={f} />
        ))}
      </ul>
    </section>
  );
}

function FeedbackRow({ f }: { f: Feedback }) {
  const { t, i18n } = useTranslation();
  const moderate = useModerateFeedback();
  const toast = useToast();
  const errorText = useApiErrorText('admin.errors');
  const decide = (decision: 'approve' | 'reject') =>
    moderate.mutate(
      { id: f.id, decision },
      {
        onSuccess: (after) => toast(t(after.status === 'approved' ? 'feedback.approved' : 'feedback.rejected'), 'success'),
        onError: (e) => toast(errorText(e), 'error'),
      },
    );
  return (
    <li className="feedback-item" data-testid="feedback-item" data-status={f.status} data-order={f.order_number}>
      <div className="feedback-body">
        <Stars rating={f.rating} />
        <p className={f.comment ? 'feedback-comment' : 'hint'}>{f.comment ?? t('feedback.noComment')}</p>
        <p className="hint">
          {t('feedback.order', { number: f.order_number })} · {f.customer_name ?? t('feedback.kiosk')} ·{' '}
          {new Date(f.created_at).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' })}
        </p>
        <span className={`badge feedback-state ${f.status === 'pending' ? 'badge-warn' : f.status === 'approved' ? 'badge-online' : 'badge-connecting'}`}>
          {t(`feedback.status.${f.status}`)}
        </span>
      </div>
      <div className="feedback-actions">
        {f.status !== 'approved' && (
          <Button variant="primary" onClick={() => decide('approve')} disabled={moderate.isPending} aria-label={t('feedback.approveOrder', { number: f.order_number })} data-testid="feedback-approve">
            {t('feedback.approve')}
          </Button>
        )}
        {f.status !== 'rejected' && (
          <Button variant="danger" onClick={() => decide('reject')} disabled={moderate.isPending} aria-label={t('feedback.rejectOrder', { number: f.order_number })} data-testid="feedback-reject">
            {t('feedback.reject')}
          </Button>
        )}
      </div>
    </li>
  );
}
