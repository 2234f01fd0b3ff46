import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type CouponView } from '../../api';
import { Button, Dialog, formatBps, minorDigits, useFormatMoney, useToast } from '../../ui';
import { useCoupons } from './api/get-coupons';
import { useDeleteCoupon } from './api/delete-coupon';
import { useSettings } from '../../api/queries/get-settings';
import { useSaveCoupon } from './api/save-coupon';
import { useErrorText } from './errors';
import { CouponBatchDialog, CouponLimitsFields } from './CouponBatchDialog';
import { couponToForm, emptyCoupon, formToCoupon, type CouponForm, type CouponProblems } from './lib/coupon-form';

/** Coupons: a table, and a dialog to add or edit one. */
export function CouponsPanel() {
  const { t, i18n } = useTranslation();
  const coupons = useCoupons();
  const currency = useSettings().data?.currency ?? 'EUR';
  const fmt = useFormatMoney();
  const toast = useToast();
  const errorText = useErrorText();
  const del = useDeleteCoupon();
  const [editing, setEditing] = useState<CouponView | 'new' | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const [batch, setBatch] = useState(false);
  const date = (iso: string) => new Date(iso).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const validity = (c: CouponView) =>
    [c.valid_from && t('admin.coupons.fromDate', { date: date(c.valid_from) }), c.valid_until && t('admin.coupons.untilDate', { date: date(c.valid_until) })]
      .filter(Boolean)
      .join(' ') || t('admin.coupons.always');
  return (
    <section className="panel" aria-labelledby="coupons-h">
      <div className="row">
        <h2 id="coupons-h" className="grow">{t('admin.coupons.title')}</h2>
        {api.createCouponBatch && (
          <Button onClick={() => setBatch(true)} data-testid="coupon-batch">
            {t('admin.coupons.batch')}
          </Button>
        )}
        <Button variant="primary" onClick={() => setEditing('new')}>{t('admin.coupons.add')}</Button>
      </div>
      {coupons.error && <p className="notice notice-error" role="alert">{errorText(coupons.error)}</p>}
      {coupons.data?.coupons.length === 0 && <p className="hint">{t('admin.coupons.none')}</p>}
      {!!coupons.data?.coupons.length && (
        <table className="admin-table cards">
          <thead>
            <tr>
              <th scope="col">{t('admin.coupons.code')}</th>
              <th scope="col">{t('admin.coupons.discount')}</th>
              <th scope="col">{t('admin.coupons.validity')}</th>
              <th scope="col" className="num">{t('admin.coupons.used')}</th>
              <th scope="col">{t('admin.coupons.active')}</th>
              <th scope="col"><span className="sr-only">{t('admin.edit')}</span></th>
            </tr>
          </thead>
          <tbody>
            {coupons.data.coupons.map((c) => (
              <tr key={c.code} data-testid="coupon-row" data-code={c.code}>
                <th scope="row">{c.code}</th>
                <td data-label={t('admin.coupons.discount')}>
                  {c.kind === 'percent' ? `${formatBps(c.value, i18n.language)} %` : fmt({ amount: c.value, currency })}
                  {c.min_subtotal && <span className="hint"> · ≥ {fmt(c.min_subtotal)}</span>}
                  {limitsOf(c).map((k) => (
                    <span key={k} className="hint">
                      {' · '}
                      {t(`admin.coupons.${k}`)}
                    </span>
                  ))}
                </td>
                <td data-label={t('admin.coupons.validity')}>{validity(c)}</td>
                <td className="num" data-label={t('admin.coupons.used')}>{c.usage_limit ? t('admin.coupons.usedOf', { used: c.used_count, limit: c.usage_limit }) : c.used_count}</td>
                <td data-label={t('admin.coupons.active')}>
                  <span className={`pill ${c.active ? 'paid' : 'unpaid'}`}>{c.active ? t('admin.coupons.active') : t('admin.coupons.inactive')}</span>
                </td>
                <td>
                  <div className="actions">
                    <Button onClick={() => setEditing(c)} aria-label={t('admin.editNamed', { name: c.code })}>{t('admin.edit')}</Button>
                    <Button variant="danger" onClick={() => setDeleting(c.code)} aria-label={t('admin.deleteNamed', { name: c.code })}>
                      {t('admin.delete')}
                    </Button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {batch && <CouponBatchDialog currency={currency} onClose={() => setBatch(false)} />}
      {editing && <CouponDialog coupon={editing === 'new' ? null : editing} currency={currency} onClose={() => setEditing(null)} />}
      <Dialog
        open={deleting !== null}
        title={t('admin.deleteNamed', { name: deleting ?? '' })}
        onClose={() => setDeleting(null)}
        footer={
          <>
            <Button onClick={() => setDeleting(null)}>{t('common.cancel')}</Button>
            <Button
              variant="danger"
              data-testid="confirm-delete"
              onClick={() =>
                deleting &&
                del.mutate(deleting, { onSuccess: () => setDeleting(null), onError: (e) => toast(errorText(e), 'error') })
              }
            >
              {t('admin.delete')}
            </Button>
          </>
        }
      >
        <p>{t('admin.coupons.confirmDelete', { code: deleting ?? '' })}</p>
      </Dialog>
    </section>
  );
}

function CouponDialog({ coupon, currency, onClose }: { coupon: CouponView | null; currency: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const digits = minorDigits(currency);
  const [f, setF] = useState<CouponForm>(() => (coupon ? couponToForm(coupon, digits, locale) : emptyCoupon()));
  const [problems, setProblems] = useState<CouponProblems>({});
  const save = useSaveCoupon();
  const errorText = useErrorText();
  const set = (patch: Partial<CouponForm>) => setF((x) => ({ ...x, ...patch }));
  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    const r = formToCoupon(f, currency, digits, locale);
    setProblems(r.ok ? {} : r.problems);
    if (r.ok) save.mutate({ coupon: r.coupon, existing: coupon !== null }, { onSuccess: onClose });
  };
  const problem = (k: keyof CouponProblems) =>
    problems[k] && <span className="field-error">{t(k === 'usageLimit' ? 'admin.decimal.format' : `admin.decimal.${problems[k]}`)}</span>;
  return (
    <Dialog
      open
      wide
      title={coupon ? t('admin.coupons.editTitle', { code: coupon.code }) : t('admin.coupons.newTitle')}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button variant="primary" data-testid="coupon-save" disabled={save.isPending} onClick={() => submit()}>
            {t('admin.save')}
          </Button>
        </>
      }
    >
      <form className="form-grid" onSubmit={submit} noValidate>
        <label className="field">
          <span>{t('admin.coupons.code')}</span>
          <input value={f.code} onChange={(e) => set({ code: e.target.value.toUpperCase() })} disabled={coupon !== null} maxLength={32} autoCapitalize="characters" />
          {problem('code')}
        </label>
        <fieldset className="field plain">
          <legend>{t('admin.coupons.kind')}</legend>
          <div className="segmented">
            {(['percent', 'fixed'] as const).map((k) => (
              <label key={k} className={`btn btn-secondary btn-md ${f.kind === k ? 'option-on' : ''}`}>
                <input type="radio" className="sr-only" name="coupon-kind" checked={f.kind === k} onChange={() => set({ kind: k })} />
                {t(`admin.coupons.${k}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <label className="field">
          <span>{f.kind === 'percent' ? t('admin.coupons.valuePercent') : t('admin.coupons.valueFixed', { currency })}</span>
          <input inputMode="decimal" value={f.value} onChange={(e) => set({ value: e.target.value })} />
          {problem('value')}
        </label>
        <label className="field">
          <span>{t('admin.coupons.minSubtotal', { currency })} <span className="hint">{t('admin.optional')}</span></span>
          <input inputMode="decimal" value={f.minSubtotal} onChange={(e) => set({ minSubtotal: e.target.value })} />
          {problem('minSubtotal')}
        </label>
        <label className="field">
          <span>{t('admin.coupons.validFrom')} <span className="hint">{t('admin.optional')}</span></span>
          <input type="datetime-local" value={f.validFrom} onChange={(e) => set({ validFrom: e.target.value })} />
        </label>
        <label className="field">
          <span>{t('admin.coupons.validUntil')} <span className="hint">{t('admin.optional')}</span></span>
          <input type="datetime-local" value={f.validUntil} onChange={(e) => set({ validUntil: e.target.value })} />
          {problem('validUntil')}
        </label>
        <label className="field">
          <span>{t('admin.coupons.usageLimit')} <span className="hint">{t('admin.optional')}</span></span>
          <input inputMode="numeric" value={f.usageLimit} onChange={(e) => set({ usageLimit: e.target.value })} />
          {problem('usageLimit')}
        </label>
        <label className="check">
          <input type="checkbox" checked={f.active} onChange={(e) => set({ active: e.target.checked })} />
          <span>{t('admin.coupons.active')}</span>
        </label>
        <CouponLimitsFields f={f} set={set} />
        {save.error && <p className="notice notice-error wide" role="alert">{errorText(save.error)}</p>}
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}

/** The limits a coupon has, as the keys of their short texts. */
function limitsOf(c: CouponView): ('oncePerCustomerShort' | 'firstOrderOnlyShort' | 'regularsOnlyShort')[] {
  return [
    ...(c.once_per_customer ? (['oncePerCustomerShort'] as const) : []),
    ...(c.first_order_only ? (['firstOrderOnlyShort'] as const) : []),
    ...(c.regulars_only ? (['regularsOnlyShort'] as const) : []),
  ];
}
