import { useTranslation } from 'react-i18next';
import { type PrinterStatus } from '../../api';
import { Button, printFailureText, useApiErrorText, useToast } from '../../ui';
import { useRetryPrints } from './api/retry-prints';

/** Shown while receipts wait to print: how many, the last error, and a way to try again now. */
export function PrinterBadge({ status }: { status: PrinterStatus | undefined }) {
  const { t, i18n } = useTranslation();
  const errorText = useApiErrorText('counter.errors');
  const toast = useToast();
  const retry = useRetryPrints({ onError: (e) => toast(errorText(e), 'error') });
  if (!status || status.pending.length === 0) return null;
  const failed = status.last_error ? status : status.pending.find((j) => j.last_error);
  const error = failed ? printFailureText(i18n, failed.last_error_code) : null;
  return (
    <span className="printer-badge" role="status" data-testid="printer-badge" data-pending={status.pending.length}>
      <span>{t('counter.printPending', { count: status.pending.length })}</span>
      {error && (
        <span className="printer-error" title={error} data-testid="printer-error">
          {error}
        </span>
      )}
      <Button variant="ghost" onClick={() => retry.mutate()} disabled={retry.isPending} data-testid="printer-retry">
        {t('counter.retryPrint')}
      </Button>
    </span>
  );
}
