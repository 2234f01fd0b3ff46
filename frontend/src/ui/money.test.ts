import { describe, expect, it } from 'vitest';
import { formatMoney, minorDigits } from './money';

const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('formatMoney', () => {
  it('formats euro cents in English and German', () => {
    expect(formatMoney({ amount: 450, currency: 'EUR' }, 'en')).toBe('€4.50');
    expect(nbsp(formatMoney({ amount: 450, currency: 'EUR' }, 'de'))).toBe('4,50 €');
    expect(nbsp(formatMoney({ amount: 123456, currency: 'EUR' }, 'de'))).toBe('1.234,56 €');
  });
  it('keeps every cent of large amounts (no float drift)', () => {
    expect(formatMoney({ amount: 900719925474099, currency: 'USD' }, 'en')).toBe('$9,007,199,254,740.99');
    expect(formatMoney({ amount: 1, currency: 'EUR' }, 'en')).toBe('€0.01');
    expect(formatMoney({ amount: 10, currency: 'EUR' }, 'en')).toBe('€0.10');
  });
  it('handles zero, negatives and currencies without or with three minor digits', () => {
    expect(formatMoney({ amount: 0, currency: 'EUR' }, 'en')).toBe('€0.00');
    expect(formatMoney({ amount: -250, currency: 'EUR' }, 'en')).toBe('-€2.50');
    expect(formatMoney({ amount: 500, currency: 'JPY' }, 'en')).toBe('¥500');
    expect(minorDigits('KWD')).toBe(3);
    expect(nbsp(formatMoney({ amount: 1234, currency: 'KWD' }, 'en'))).toBe('KWD 1.234');
  });
});
