import { describe, expect, it } from 'vitest';
import { batchCountOk, batchPrefixOk } from './CouponBatchDialog';
import { formToLoyalty, loyaltyToForm } from './lib/loyalty-form';

describe('loyalty form', () => {
  it('turns tiers into minor units and basis points, and back', () => {
    const r = formToLoyalty({ tiers: [{ minSpend: '100', percent: '5' }, { minSpend: '300,00', percent: '12,5' }], pointsPerUnit: '1', pointsForUnit: '100' }, 2, 'de');
    expect(r).toEqual({
      ok: true,
      loyalty: {
        tiers: [
          { min_spend: 10000, basis_points: 500 },
          { min_spend: 30000, basis_points: 1250 },
        ],
        points_per_unit: 1,
        points_for_unit: 100,
      },
    });
    if (r.ok) expect(loyaltyToForm(r.loyalty, 2, 'en').tiers).toEqual([
      { minSpend: '100.00', percent: '5' },
      { minSpend: '300.00', percent: '12.5' },
    ]);
    expect(formToLoyalty({ tiers: [], pointsPerUnit: '', pointsForUnit: '' }, 2, 'en')).toEqual({ ok: true, loyalty: { tiers: [], points_per_unit: 0, points_for_unit: 0 } });
  });
  it('refuses what the server refuses', () => {
    const r = formToLoyalty(
      { tiers: [{ minSpend: '300', percent: '5' }, { minSpend: '100', percent: '10' }, { minSpend: '0', percent: '5' }, { minSpend: '400', percent: '101' }], pointsPerUnit: '1001', pointsForUnit: 'x' },
      2,
      'en',
    );
    expect(r).toEqual({ ok: false, problems: { tiers: [null, 'order', 'spend', 'percent'], pointsPerUnit: true, pointsForUnit: true } });
  });
  it('checks a batch’s count and prefix', () => {
    expect(batchCountOk('1')).toBe(true);
    expect(batchCountOk('1000')).toBe(true);
    expect(batchCountOk('0')).toBe(false);
    expect(batchCountOk('1001')).toBe(false);
    expect(batchCountOk('2.5')).toBe(false);
    expect(batchPrefixOk('')).toBe(true);
    expect(batchPrefixOk('SUMMER26')).toBe(true);
    expect(batchPrefixOk('A-B')).toBe(false);
    expect(batchPrefixOk('ABCDEFGHIJKLM')).toBe(false);
  });
});
