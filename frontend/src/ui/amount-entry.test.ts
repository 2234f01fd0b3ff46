import { describe, expect, it } from 'vitest';
import { entryToMinor, keyFromKeyboard, minorToEntry, pressKey, type PadKey } from './amount-entry';

const type = (keys: PadKey[], digits = 2, start = '') => keys.reduce((e, k) => pressKey(e, k, digits), start);

describe('the cash pad enters whole amounts first', () => {
  it('reads 5, 1 as 51.00, not 0.51', () => {
    expect(entryToMinor(type(['5', '1']), 2)).toBe(5100);
  });
  it('appends two zeros with "00"', () => {
    expect(type(['5', '00'])).toBe('500');
    expect(entryToMinor(type(['1', '00']), 2)).toBe(10000);
  });
  it('starts the cents with the decimal key, at most the currency\'s digits', () => {
    expect(entryToMinor(type(['4', 'dec', '5']), 2)).toBe(450);
    expect(entryToMinor(type(['4', 'dec', '0', '5']), 2)).toBe(405);
    expect(type(['4', 'dec', '5', '0', '9'])).toBe('4.50');
    expect(type(['4', 'dec', '00'])).toBe('4.00');
    expect(type(['4', 'dec', '5', '00'])).toBe('4.50');
  });
  it('takes a leading decimal key as "0." and ignores a second one', () => {
    expect(type(['dec', '5', '0'])).toBe('0.50');
    expect(entryToMinor('0.50', 2)).toBe(50);
    expect(type(['1', 'dec', 'dec', '2'])).toBe('1.2');
  });
  it('has no leading zeros', () => {
    expect(type(['0', '0', '7'])).toBe('7');
    expect(type(['00'])).toBe('0');
    expect(type(['0', 'dec', '5'])).toBe('0.5');
  });
  it('has no decimal key in a currency without minor units', () => {
    expect(type(['5', 'dec', '1'], 0)).toBe('51');
    expect(entryToMinor('51', 0)).toBe(51);
  });
  it('deletes the last key and clears', () => {
    expect(type(['4', 'dec', '5', 'back'])).toBe('4.');
    expect(type(['4', 'dec', 'back', 'back'])).toBe('');
    expect(type(['9', '9', 'clear'])).toBe('');
  });
  it('stops at seven whole digits', () => {
    expect(type(['1', '2', '3', '4', '5', '6', '7', '8'])).toBe('1234567');
    expect(type(['1', '2', '3', '4', '5', '6', '7', 'dec', '9'])).toBe('1234567.9');
  });
  it('reads nothing typed as 0', () => {
    expect(entryToMinor('', 2)).toBe(0);
    expect(entryToMinor('4.', 2)).toBe(400);
  });
  it('turns presets into entries that read back the same', () => {
    for (const [amount, entry] of [
      [5100, '51'],
      [450, '4.50'],
      [405, '4.05'],
      [5, '0.05'],
      [0, ''],
    ] as const) {
      expect(minorToEntry(amount, 2)).toBe(entry);
      expect(entryToMinor(entry, 2)).toBe(amount);
    }
    expect(minorToEntry(51, 0)).toBe('51');
  });
  it('maps the keyboard, "." and "," both to the decimal key', () => {
    expect(keyFromKeyboard('7')).toBe('7');
    expect(keyFromKeyboard(',')).toBe('dec');
    expect(keyFromKeyboard('.')).toBe('dec');
    expect(keyFromKeyboard('Backspace')).toBe('back');
    expect(keyFromKeyboard('a')).toBeNull();
  });
});
