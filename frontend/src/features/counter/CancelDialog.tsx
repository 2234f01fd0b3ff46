import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type Order } from '../../api';
import { Button, Dialog, useApiErrorText } from '../../ui';
import { refetchOrders } from './api/keys';
import { useSetOrderStatus } from './api/set-order-status';

/**
 * Cancel an order that holds no money, with a reason. When it turns out to hold
 * money after all (paid elsewhere meanwhile), `onNeedsRefund` opens the refund.
 */
export function CancelDialog({ order, onClose, onNeedsRefund }: { order: Order | null; onClose: () => void; onNeedsRefund: (o: Order) => void }) {
  const { t } = useTranslation();
  return (
    <Dialog open={order !== null} title={order ? t('counter.cancelOrder', { number: order.number }) : ''} onClose={onClose}>
      {order && <Body key={order.id} order={order} onClose={onClose} onNeedsRefund={onNeedsRefund} />}
    </Dialog>
  );
}

function Body({ order, onClose, onNeedsRefund }: { order: Order; onClose: () => void; onNeedsRefund: (o: Order) => void }) {
  const { t } = useTranslation();
  const errorText = useApiErrorText('counter.errors');
  const { mutateAsync: setOrderStatus } = useSetOrderStatus();
  const qc = useQueryClient();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const cancel = async () => {
    setBusy(true);
    setError(null);
    try {
      await setOrderStatus({ id: order.id, status: 'cancelled', reason: reason.trim() });
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'refund_required') {
        // Paid meanwhile: the list catches up, and the refund dialog shows the money it holds.
        refetchOrders(qc);
        onNeedsRefund(order);
      } else setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="stack">
      <label className="field">
        <span>{t('counter.reason')}</span>
        <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} autoFocus data-testid="cancel-reason" />
      </label>
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-footer">
        <Button onClick={onClose}>{t('common.back')}</Button>
        <Button variant="danger" disabled={busy || reason.trim().length === 0} onClick={() => void cancel()} data-testid="confirm-cancel">
          {t('counter.confirmCancel')}
        </Button>
      </div>
    </div>
  );
}
