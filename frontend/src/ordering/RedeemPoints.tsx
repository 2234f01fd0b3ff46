import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type ApiError } from '../api';
import { Money, useApiErrorText } from '../ui';

/** Errors about points, shown under the field (the rest are the cart's). */
const POINTS_ERRORS = new Set(['points_insufficient', 'points_off', 'discount_exceeds_subtotal']);

/**
 * The customer's points and how many of them this sale redeems ("" for none): the customer
 * attached at the counter, or `me`, the customer signed in on the kiosk. Shown only where the
 * shop takes points and the customer has some.
 */
export function RedeemPoints({ customerId, value, onChange, error }: { customerId: string | 'me'; value: string; onChange: (v: string) => void; error?: ApiError }) {
  const { t } = useTranslation();
  const errorText = useApiErrorText();
  const mine = customerId === 'me';
  const q = useQuery({
    queryKey: mine ? ['my-loyalty'] : ['customer-loyalty', customerId],
    queryFn: () => (mine ? api.myLoyalty!() : api.customerLoyalty!(customerId)),
    enabled: mine ? !!api.myLoyalty : !!api.customerLoyalty,
    staleTime: 5_000,
  });
  const l = q.data;
  if (!l || !l.points_value || l.points <= 0) return null;
  const shown = error && POINTS_ERRORS.has(error.code) && value.trim() !== '' ? errorText(error) : null;
  return (
    <label className="field" data-testid="redeem-points">
      <span>
        {t('counter.points.label', { count: l.points })} · <Money value={l.points_value} />
      </span>
      <input
        inputMode="numeric"
        name="redeem_points"
        value={value}
        onChange={(e) => onChange(e.target.value.replace(/\D/g, '').slice(0, 9))}
        aria-invalid={shown ? true : undefined}
        aria-describedby={shown ? 'points-error' : undefined}
      />
      {shown && (
        <span id="points-error" className="field-error" role="alert">
          {shown}
        </span>
      )}
    </label>
  );
}

/** The points a sale redeems, for its body (none for "" or 0). */
export function redeemBody(value: string): { redeem_points?: number } {
  const n = Number(value);
  return value.trim() !== '' && Number.isInteger(n) && n > 0 ? { redeem_points: n } : {};
}
