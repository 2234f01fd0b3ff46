import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { formatBps, Money } from '../../ui';

/** A signed-in customer's standing: lifetime spend, tier (and the next), points. */
export function LoyaltyCard({ enabled }: { enabled: boolean }) {
  const { t, i18n } = useTranslation();
  const q = useQuery({ queryKey: ['my-loyalty'], queryFn: () => api.myLoyalty!(), enabled: enabled && !!api.myLoyalty, staleTime: 5_000 });
  const l = q.data;
  if (!l) return null;
  const pct = (bps: number) => formatBps(bps, i18n.language);
  return (
    <section className="loyalty-card" aria-labelledby="loyalty-card-h" data-testid="my-loyalty">
      <h3 id="loyalty-card-h">{t('account.loyalty.title')}</h3>
      <dl className="cart-lines-sums">
        <div>
          <dt>{t('account.loyalty.spent')}</dt>
          <dd>
            <Money value={l.lifetime_spend} />
          </dd>
        </div>
        <div data-testid="my-tier">
          <dt>{t('account.loyalty.tier')}</dt>
          <dd>{l.tier ? t('account.loyalty.tierOff', { percent: pct(l.tier.basis_points) }) : t('account.loyalty.noTier')}</dd>
        </div>
        {l.next_tier && (
          <div>
            <dt>{t('account.loyalty.next')}</dt>
            <dd>
              {t('account.loyalty.nextOff', { percent: pct(l.next_tier.basis_points) })} <Money value={{ amount: l.next_tier.min_spend, currency: l.lifetime_spend.currency }} />
            </dd>
          </div>
        )}
        {(l.points > 0 || l.points_value) && (
          <div data-testid="my-points">
            <dt>{t('account.loyalty.points')}</dt>
            <dd>
              {l.points}
              {l.points_value && (
                <>
                  {' '}
                  (<Money value={l.points_value} />)
                </>
              )}
            </dd>
          </div>
        )}
      </dl>
    </section>
  );
}
