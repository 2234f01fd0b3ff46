import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type CouponBatch } from '../../api';
import { Button, Dialog, minorDigits, saveFile, useToast } from '../../ui';
import { couponsKey } from './api/keys';
import { useErrorText } from './errors';
import { emptyCoupon, formToCoupon, type CouponForm, type CouponProblems } from './lib/coupon-form';

/** The limits a coupon may have, as checkboxes: shared by the coupon and the batch dialogs. */
export function CouponLimitsFields({ f, set }: { f: CouponForm; set: (patch: Partial<CouponForm>) => void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="field plain wide">
      <legend>{t('admin.coupons.limits')}</legend>
      <label className="check">
        <input type="checkbox" name="once_per_customer" checked={f.oncePerCustomer} onChange={(e) => set({ oncePerCustomer: e.target.checked })} />
        <span>{t('admin.coupons.oncePerCustomer')}</span>
      </label>
      <label className="check">
        <input type="checkbox" name="first_order_only" checked={f.firstOrderOnly} onChange={(e) => set({ firstOrderOnly: e.target.checked })} />
        <span>{t('admin.coupons.firstOrderOnly')}</span>
      </label>
      <label className="check">
        <input type="checkbox" name="regulars_only" checked={f.regularsOnly} onChange={(e) => set({ regularsOnly: e.target.checked })} />
        <span>{t('admin.coupons.regularsOnly')}</span>
      </label>
    </fieldset>
  );
}

/** Whether `count` is a whole number of coupons a batch may have (1 to 1000). */
export function batchCountOk(count: string): boolean {
  return /^\d{1,4}$/.test(count.trim()) && Number(count) >= 1 && Number(count) <= 1000;
}

/** Up to 12 letters and digits. */
export function batchPrefixOk(prefix: string): boolean {
  return /^[A-Za-z0-9]{0,12}$/.test(prefix.trim());
}

/** Makes a batch of coupons with random codes; then offers their CSV. */
export function CouponBatchDialog({ currency, onClose }: { currency: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const toast = useToast();
  const errorText = useErrorText();
  const [f, setF] = useState<CouponForm>(() => ({ ...emptyCoupon(), code: 'BATCH', usageLimit: '1' }));
  const [prefix, setPrefix] = useState('');
  const [count, setCount] = useState('10');
  const [problems, setProblems] = useState<CouponProblems & { count?: boolean; prefix?: boolean }>({});
  const [made, setMade] = useState<CouponBatch | null>(null);
  const set = (patch: Partial<CouponForm>) => setF((x) => ({ ...x, ...patch }));
  const create = useMutation({
    mutationFn: (body: Parameters<NonNullable<typeof api.createCouponBatch>>[0]) => api.createCouponBatch!(body),
    onSuccess: (b) => setMade(b),
    onSettled: () => qc.invalidateQueries({ queryKey: couponsKey }),
  });
  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    const r = formToCoupon(f, currency, minorDigits(currency), i18n.language);
    const next = { ...(r.ok ? {} : r.problems), count: !batchCountOk(count) || undefined, prefix: !batchPrefixOk(prefix) || undefined };
    setProblems(next);
    if (!r.ok || next.count || next.prefix) return;
    const c = r.coupon;
    create.mutate({
      prefix: prefix.trim() || null,
      count: Number(count),
      kind: c.kind,
      value: c.value,
      min_subtotal: c.min_subtotal,
      valid_from: c.valid_from,
      valid_until: c.valid_until,
      usage_limit: c.usage_limit,
      once_per_customer: c.once_per_customer ?? false,
      first_order_only: c.first_order_only ?? false,
      regulars_only: c.regulars_only ?? false,
    });
  };
  const download = () =>
    made &&
    api.couponBatchCsv!(made.id).then(
      (blob) => saveFile(blob, `crema-coupons-${made.id}.csv`),
      (e: unknown) => toast(errorText(e), 'error'),
    );
  const problem = (k: keyof CouponProblems) =>
    problems[k] && <span className="field-error">{t(k === 'usageLimit' ? 'admin.decimal.format' : `admin.decimal.${problems[k]}`)}</span>;
  return (
    <Dialog
      open
      wide
      title={t('admin.coupons.batchTitle')}
      onClose={onClose}
      footer={
        made ? (
          <>
            <Button onClick={onClose}>{t('common.done')}</Button>
            <Button variant="primary" data-testid="batch-csv" onClick={download}>
              {t('admin.coupons.batchCsv')}
            </Button>
          </>
        ) : (
          <>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button variant="primary" data-testid="batch-create" disabled={create.isPending} onClick={() => submit()}>
              {t('admin.coupons.batchCreate')}
            </Button>
          </>
        )
      }
    >
      {made ? (
        <div data-testid="batch-made">
          <p role="status">{t('admin.coupons.batchMade', { count: made.coupons.length })}</p>
          <ul className="batch-codes">
            {made.coupons.slice(0, 5).map((c) => (
              <li key={c.code}>
                <code>{c.code}</code>
              </li>
            ))}
            {made.coupons.length > 5 && <li>…</li>}
          </ul>
        </div>
      ) : (
        <form className="form-grid" onSubmit={submit} noValidate>
          <label className="field">
            <span>
              {t('admin.coupons.batchPrefix')} <span className="hint">{t('admin.optional')}</span>
            </span>
            <input name="prefix" value={prefix} maxLength={12} onChange={(e) => setPrefix(e.target.value.toUpperCase())} autoCapitalize="characters" />
            {problems.prefix && <span className="field-error">{t('admin.coupons.batchPrefixProblem')}</span>}
          </label>
          <label className="field">
            <span>{t('admin.coupons.batchCount')}</span>
            <input name="count" inputMode="numeric" value={count} onChange={(e) => setCount(e.target.value)} />
            {problems.count && <span className="field-error">{t('admin.coupons.batchCountProblem')}</span>}
          </label>
          <fieldset className="field plain">
            <legend>{t('admin.coupons.kind')}</legend>
            <div className="segmented">
              {(['percent', 'fixed'] as const).map((k) => (
                <label key={k} className={`btn btn-secondary btn-md ${f.kind === k ? 'option-on' : ''}`}>
                  <input type="radio" className="sr-only" name="batch-kind" checked={f.kind === k} onChange={() => set({ kind: k })} />
                  {t(`admin.coupons.${k}`)}
                </label>
              ))}
            </div>
          </fieldset>
          <label className="field">
            <span>{f.kind === 'percent' ? t('admin.coupons.valuePercent') : t('admin.coupons.valueFixed', { currency })}</span>
            <input name="value" inputMode="decimal" value={f.value} onChange={(e) => set({ value: e.target.value })} />
            {problem('value')}
          </label>
          <label className="field">
            <span>
              {t('admin.coupons.validUntil')} <span className="hint">{t('admin.optional')}</span>
            </span>
            <input type="datetime-local" value={f.validUntil} onChange={(e) => set({ validUntil: e.target.value })} />
            {problem('validUntil')}
          </label>
          <label className="field">
            <span>{t('admin.coupons.usageLimit')}</span>
            <input inputMode="numeric" value={f.usageLimit} onChange={(e) => set({ usageLimit: e.target.value })} />
            {problem('usageLimit')}
          </label>
          <CouponLimitsFields f={f} set={set} />
          {create.error && (
            <p className="notice notice-error wide" role="alert">
              {errorText(create.error)}
            </p>
          )}
          <button type="submit" hidden />
        </form>
      )}
    </Dialog>
  );
}
