import { describe, expect, it } from 'vitest';
import { order, payment } from './order-fixture';
import { afterPayment, amountDue, partAmount, percentTip, roundUpTip, splitShares, splitWays, type Split } from './payment';

describe('split bill', () => {
  it('splits in equal integer shares, the last one taking the remainder', () => {
    expect(splitShares(1001, 3)).toEqual([333, 333, 335]);
    expect(splitShares(1000, 4)).toEqual([250, 250, 250, 250]);
    expect(splitShares(1, 2)).toEqual([0, 1]);
    for (const [a, n] of [
      [1301, 3],
      [99_999, 7],
      [5, 5],
    ] as const)
      expect(splitShares(a, n).reduce((s, x) => s + x, 0)).toBe(a);
  });

  it('pays the planned shares one after another and the last takes what is still owed', () => {
    let o = order(1001);
    let split: Split = splitWays(amountDue(o), 3);
    const paid: number[] = [];
    while (amountDue(o) > 0) {
      const a = partAmount(split, o);
      paid.push(a);
      o = order(1001, [...o.payments, payment(a)]);
      split = afterPayment(split);
    }
    expect(paid).toEqual([333, 333, 335]);
  });

  it('keeps the number of ways between 2 and 20', () => {
    expect(splitWays(1000, 1)).toMatchObject({ shares: [500, 500] });
    expect((splitWays(1000, 99) as { shares: number[] }).shares).toHaveLength(20);
  });

  it('by items: the picked lines’ totals, capped to what is still owed; paid lines are remembered', () => {
    const o = order(1301, [payment(1000)]);
    expect(partAmount({ kind: 'items', picked: [1], paid: [] }, o)).toBe(301);
    expect(partAmount({ kind: 'items', picked: [2], paid: [] }, order(1301))).toBe(201);
    expect(partAmount({ kind: 'items', picked: [0, 1], paid: [] }, order(1301))).toBe(1100);
    expect(afterPayment({ kind: 'items', picked: [0], paid: [2] })).toEqual({ kind: 'items', picked: [], paid: [2, 0] });
  });
});

describe('tips', () => {
  it('percent tips are rounded half up in minor units', () => {
    expect(percentTip(1001, 10)).toBe(100);
    expect(percentTip(1005, 10)).toBe(101);
    expect(percentTip(990, 5)).toBe(50);
    expect(percentTip(0, 10)).toBe(0);
  });
  it('round up goes to the next whole unit, and is nothing on a whole amount', () => {
    expect(roundUpTip(1040, 2)).toBe(60);
    expect(roundUpTip(1000, 2)).toBe(0);
    expect(roundUpTip(7, 0)).toBe(0);
    expect(roundUpTip(1001, 3)).toBe(999);
  });
});
