import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ShopSettings } from '../../api';
import { Button, minorDigits, useToast } from '../../ui';
import { useUpdateSettings } from './api/update-settings';
import { useErrorText } from './errors';
import { formToLoyalty, loyaltyToForm, MAX_TIERS, type LoyaltyForm, type LoyaltyProblems } from './lib/loyalty-form';

/** Regulars rewarded: the loyalty tiers by lifetime spend and the points rates (admin). */
export function LoyaltyEditor({ settings }: { settings: ShopSettings }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const digits = minorDigits(settings.currency);
  const toast = useToast();
  const errorText = useErrorText();
  const save = useUpdateSettings();
  const [f, setF] = useState<LoyaltyForm>(() => loyaltyToForm(settings.loyalty, digits, locale));
  const [problems, setProblems] = useState<LoyaltyProblems>({ tiers: [] });
  const setTier = (i: number, patch: Partial<LoyaltyForm['tiers'][number]>) =>
    setF((x) => ({ ...x, tiers: x.tiers.map((tier, j) => (j === i ? { ...tier, ...patch } : tier)) }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const r = formToLoyalty(f, digits, locale);
    setProblems(r.ok ? { tiers: [] } : r.problems);
    if (!r.ok) return;
    save.mutate({ ...settings, loyalty: r.loyalty }, { onSuccess: () => toast(t('admin.loyalty.saved'), 'success') });
  };
  return (
    <section className="panel" aria-labelledby="loyalty-h">
      <h2 id="loyalty-h">{t('admin.loyalty.title')}</h2>
      <p className="hint">{t('admin.loyalty.rule')}</p>
      <form className="form-grid" onSubmit={submit} noValidate data-testid="loyalty-form">
        <fieldset className="field plain wide">
          <legend>{t('admin.loyalty.tiers')}</legend>
          {f.tiers.length === 0 && <p className="hint">{t('admin.loyalty.noTiers')}</p>}
          {f.tiers.map((tier, i) => (
            <div className="row wrap" key={i} data-testid="loyalty-tier">
              <label className="field">
                <span>{t('admin.loyalty.minSpend', { currency: settings.currency })}</span>
                <input inputMode="decimal" name={`tier-${i}-spend`} value={tier.minSpend} onChange={(e) => setTier(i, { minSpend: e.target.value })} />
              </label>
              <label className="field">
                <span>{t('admin.loyalty.percent')}</span>
                <input inputMode="decimal" name={`tier-${i}-percent`} value={tier.percent} onChange={(e) => setTier(i, { percent: e.target.value })} />
              </label>
              <Button variant="danger" onClick={() => setF((x) => ({ ...x, tiers: x.tiers.filter((_, j) => j !== i) }))}>
                {t('admin.loyalty.removeTier', { n: i + 1 })}
              </Button>
              {problems.tiers[i] && <span className="field-error wide">{t(`admin.loyalty.problem.${problems.tiers[i]}`)}</span>}
            </div>
          ))}
          {f.tiers.length < MAX_TIERS && (
            <Button onClick={() => setF((x) => ({ ...x, tiers: [...x.tiers, { minSpend: '', percent: '' }] }))} data-testid="loyalty-add-tier">
              {t('admin.loyalty.addTier')}
            </Button>
          )}
        </fieldset>
        <label className="field">
          <span>{t('admin.loyalty.pointsPerUnit', { currency: settings.currency })}</span>
          <input inputMode="numeric" name="points_per_unit" value={f.pointsPerUnit} onChange={(e) => setF((x) => ({ ...x, pointsPerUnit: e.target.value }))} />
          {problems.pointsPerUnit && <span className="field-error">{t('admin.loyalty.problem.pointsPerUnit')}</span>}
        </label>
        <label className="field">
          <span>{t('admin.loyalty.pointsForUnit', { currency: settings.currency })}</span>
          <input inputMode="numeric" name="points_for_unit" value={f.pointsForUnit} onChange={(e) => setF((x) => ({ ...x, pointsForUnit: e.target.value }))} />
          {problems.pointsForUnit && <span className="field-error">{t('admin.loyalty.problem.pointsForUnit')}</span>}
        </label>
        {save.error && (
          <p className="notice notice-error wide" role="alert">
            {errorText(save.error)}
          </p>
        )}
        <div className="wide">
          <Button variant="primary" type="submit" disabled={save.isPending} data-testid="loyalty-save">
            {t('admin.save')}
          </Button>
        </div>
      </form>
    </section>
  );
}
