import { describe, expect, it } from 'vitest';
import { order, payment, refund } from './order-fixture';
import { amountHeld, linesRefundAmount, refundableQuantities, toRefundLines } from './refund';

describe('refunds', () => {
  it('holds what was paid minus what was refunded', () => {
    expect(amountHeld(order(1301))).toBe(0);
    expect(amountHeld(order(1301, [payment(1000), payment(301, 50)], [refund(400)]))).toBe(901);
  });

  it('knows how many of each line can still be given back', () => {
    const o = order(1301, [payment(1301)], [refund(350, [{ line_no: 0, quantity: 1 }]), refund(400, [{ line_no: 1, quantity: 1 }])]);
    expect(refundableQuantities(o)).toEqual([1, 0, 1]);
  });

  it('prices picked lines by their line totals, capped to what the order holds', () => {
    const o = order(1301, [payment(1301)]);
    expect(linesRefundAmount(o, [1, 0, 0])).toBe(350);
    expect(linesRefundAmount(o, [2, 1, 0])).toBe(1100);
    expect(linesRefundAmount(order(1301, [payment(1301)], [refund(1000)]), [2, 1, 0])).toBe(301);
    expect(toRefundLines([1, 0, 1])).toEqual([
      { line_no: 0, quantity: 1 },
      { line_no: 2, quantity: 1 },
    ]);
  });
});
