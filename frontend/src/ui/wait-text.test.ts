import { describe, expect, it } from 'vitest';
import { waitText } from './wait-text';

describe('a wait in words', () => {
  it('reads a lockout of 299 s in minutes', () => {
    expect(waitText(299, 'en')).toBe('5 minutes');
    expect(waitText(299, 'de')).toBe('5 Minuten');
    expect(waitText(60, 'en')).toBe('1 minute');
    expect(waitText(61, 'en')).toBe('2 minutes');
  });
  it('keeps seconds under a minute', () => {
    expect(waitText(45, 'en')).toBe('45 seconds');
    expect(waitText(1, 'de')).toBe('1 Sekunde');
    expect(waitText(0, 'en')).toBe('1 second');
  });
});
