import { describe, expect, it } from 'vitest';
import { padPress } from './NumberPad';

describe('padPress', () => {
  it('keeps a leading zero: PINs and pairing codes are codes, not numbers', () => {
    let v = '';
    for (const k of '012345') v = padPress(v, k, 6);
    expect(v).toBe('012345');
    expect(padPress('0', '0', 8)).toBe('00');
  });
  it('stops at the length, deletes and clears', () => {
    expect(padPress('123456', '7', 6)).toBe('123456');
    expect(padPress('123', 'back', 6)).toBe('12');
    expect(padPress('123', 'clear', 6)).toBe('');
    expect(padPress('12', 'x', 6)).toBe('12');
  });
});
