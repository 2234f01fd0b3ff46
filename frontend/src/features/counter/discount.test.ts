import { describe, expect, it } from 'vitest';
import { draftToDiscount, manualOf, withoutApproval } from './discount';
import { discountsOf } from '../../ordering/discounts';

const eur = (amount: number) => ({ amount, currency: 'EUR' });

describe('manual discount draft', () => {
  it('reads a percentage as basis points in the locale, with a trimmed reason', () => {
    expect(draftToDiscount({ by: 'percent', value: '12,5', reason: ' Staff ' }, 0, 'EUR', 'de')).toEqual({ ok: true, discount: { basis_points: 1250, reason: 'Staff' } });
    expect(draftToDiscount({ by: 'percent', value: '100', reason: 'x' }, 0, 'EUR', 'en')).toEqual({ ok: true, discount: { basis_points: 10000, reason: 'x' } });
  });
  it('takes an amount from the pad in minor units', () => {
    expect(draftToDiscount({ by: 'amount', value: '', reason: 'Regular' }, 150, 'EUR', 'en')).toEqual({ ok: true, discount: { amount: eur(150), reason: 'Regular' } });
  });
  it('names what is wrong: no size, out of range, no reason', () => {
    const problems = (by: 'percent' | 'amount', value: string, amount: number, reason: string) => {
      const r = draftToDiscount({ by, value, reason }, amount, 'EUR', 'en');
      return r.ok ? [] : r.problems;
    };
    expect(problems('percent', '', 0, 'x')).toEqual(['value']);
    expect(problems('percent', '0', 0, 'x')).toEqual(['value']);
    expect(problems('percent', '100.5', 0, 'x')).toEqual(['value']);
    expect(problems('percent', '10.125', 0, 'x')).toEqual(['value']);
    expect(problems('amount', '', 0, 'x')).toEqual(['value']);
    expect(problems('percent', '10', 0, '  ')).toEqual(['reason']);
    expect(problems('percent', '10', 0, 'a'.repeat(201))).toEqual(['reason']);
  });
  it('the live quote never carries the admin password', () => {
    const d = { basis_points: 5000, reason: 'x', approval: { username: 'anna', password: 'secret' } };
    expect(JSON.stringify(withoutApproval(d))).not.toContain('secret');
  });
  it('lists the discounts one by one, an older answer by its sum', () => {
    const manual = { kind: 'manual' as const, amount: eur(38), reason: 'Regular' };
    expect(manualOf([{ kind: 'coupon', code: 'WELCOME10', amount: eur(84) }, manual])).toEqual(manual);
    expect(discountsOf({ discount: eur(84), coupon_code: 'WELCOME10' })).toEqual([{ kind: 'coupon', code: 'WELCOME10', amount: eur(84) }]);
    expect(discountsOf({ discount: eur(0), discounts: [] })).toEqual([]);
  });
});
