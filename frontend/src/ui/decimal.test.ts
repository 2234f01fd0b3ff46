import { describe, expect, it } from 'vitest';
import { formatBps, formatDecimal, parseDecimal, parsePercentBps } from './decimal';

const eur = (s: string, locale = 'en', allowNegative = false) => parseDecimal(s, { digits: 2, locale, allowNegative });

describe('parseDecimal (text → minor units, no floats)', () => {
  it('reads English decimals', () => {
    expect(eur('4.5')).toEqual({ ok: true, value: 450 });
    expect(eur('4.50')).toEqual({ ok: true, value: 450 });
    expect(eur('4')).toEqual({ ok: true, value: 400 });
    expect(eur('.5')).toEqual({ ok: true, value: 50 });
    expect(eur('  0.07 ')).toEqual({ ok: true, value: 7 });
    expect(eur('1,234.56')).toEqual({ ok: true, value: 123456 });
  });
  it('reads German decimals', () => {
    expect(eur('4,50', 'de')).toEqual({ ok: true, value: 450 });
    expect(eur('4,5', 'de')).toEqual({ ok: true, value: 450 });
    expect(eur('1.234,56', 'de')).toEqual({ ok: true, value: 123456 });
    // a dot typed on a German form is still a decimal point when it cannot be a group
    expect(eur('4.50', 'de')).toEqual({ ok: true, value: 450 });
  });
  it('is exact where floats are not', () => {
    // 0.1 + 0.2 and 1.005 * 100 go wrong with floats
    expect(eur('0.29')).toEqual({ ok: true, value: 29 });
    expect(eur('1.15')).toEqual({ ok: true, value: 115 });
    expect(eur('4.35')).toEqual({ ok: true, value: 435 });
    expect(parseDecimal('1.005', { digits: 3 })).toEqual({ ok: true, value: 1005 });
    expect(eur('90071992547.40')).toEqual({ ok: true, value: 9007199254740 });
  });
  it('rejects too many decimals, junk and negatives where not allowed', () => {
    expect(eur('4.555')).toEqual({ ok: false, error: 'precision' });
    expect(eur('4,555', 'de')).toEqual({ ok: false, error: 'precision' });
    expect(eur('')).toEqual({ ok: false, error: 'empty' });
    expect(eur('abc')).toEqual({ ok: false, error: 'format' });
    expect(eur('4.5.0')).toEqual({ ok: false, error: 'format' });
    expect(eur('1e3')).toEqual({ ok: false, error: 'format' });
    expect(eur('12,34,5.00')).toEqual({ ok: false, error: 'format' });
    expect(eur('.')).toEqual({ ok: false, error: 'format' });
    expect(eur('-1.00')).toEqual({ ok: false, error: 'negative' });
    expect(eur('99999999999999999')).toEqual({ ok: false, error: 'range' });
  });
  it('takes negatives where allowed (price deltas)', () => {
    expect(eur('-0.50', 'en', true)).toEqual({ ok: true, value: -50 });
    expect(eur('−0,5', 'de', true)).toEqual({ ok: true, value: -50 });
    expect(eur('-0', 'en', true)).toEqual({ ok: true, value: 0 });
  });
  it('knows currencies without minor units', () => {
    expect(parseDecimal('450', { digits: 0 })).toEqual({ ok: true, value: 450 });
    expect(parseDecimal('4.5', { digits: 0 })).toEqual({ ok: false, error: 'precision' });
  });
});

describe('formatDecimal and percentages', () => {
  it('writes minor units back for a form', () => {
    expect(formatDecimal(450, 2)).toBe('4.50');
    expect(formatDecimal(450, 2, 'de')).toBe('4,50');
    expect(formatDecimal(7, 2)).toBe('0.07');
    expect(formatDecimal(-50, 2)).toBe('-0.50');
    expect(formatDecimal(450, 0)).toBe('450');
  });
  it('round-trips', () => {
    for (const v of [0, 1, 99, 100, 12345, 9007199254740]) {
      expect(eur(formatDecimal(v, 2))).toEqual({ ok: true, value: v });
      expect(eur(formatDecimal(v, 2, 'de'), 'de')).toEqual({ ok: true, value: v });
    }
  });
  it('turns "10" % into 1000 basis points and back', () => {
    expect(parsePercentBps('10')).toEqual({ ok: true, value: 1000 });
    expect(parsePercentBps('12,5', 'de')).toEqual({ ok: true, value: 1250 });
    expect(parsePercentBps('101')).toEqual({ ok: false, error: 'range' });
    expect(formatBps(1000)).toBe('10');
    expect(formatBps(1250, 'de')).toBe('12,5');
    expect(formatBps(5)).toBe('0.05');
  });
});
