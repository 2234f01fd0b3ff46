/**
 * The cash pad's model: the keys are read as a person writes an amount, whole units
 * first. Typing 5, 1 is 51.00; "00" appends two zeros (5, 00 is 500.00); the decimal key
 * starts the cents (4, ".", 5 is 4.50). The entry is the text typed so far, always with
 * "." as its separator whatever the locale shows on the key, so it never goes through a
 * float: "51", "4.5", "0.05", "" (nothing typed, 0).
 */

export type PadKey = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '00' | 'dec' | 'back' | 'clear';

/** At most this many whole digits (99 999 99 in a 2-digit currency is far beyond any till). */
export const MAX_WHOLE_DIGITS = 7;

/** The entry after pressing `key`, for a currency with `digits` minor digits (2 for EUR, 0 for JPY). */
export function pressKey(entry: string, key: PadKey, digits: number): string {
  switch (key) {
    case 'clear':
      return '';
    case 'back':
      return entry.slice(0, -1);
    case 'dec':
      if (digits === 0 || entry.includes('.')) return entry;
      return (entry === '' ? '0' : entry) + '.';
    case '00':
      return pressKey(pressKey(entry, '0', digits), '0', digits);
    default: {
      const [whole = '', frac] = entry.split('.');
      if (frac !== undefined) return frac.length >= digits ? entry : entry + key;
      if (whole === '0') return key; // no leading zeros: 0, 5 is 5
      if (whole === '' && key === '0') return '0';
      return whole.length >= MAX_WHOLE_DIGITS ? entry : entry + key;
    }
  }
}

/** The entry in minor units: "51" is 5100, "4.5" is 450, "" is 0. */
export function entryToMinor(entry: string, digits: number): number {
  const [whole = '', frac = ''] = entry.split('.');
  const n = Number.parseInt((whole || '0') + frac.padEnd(digits, '0').slice(0, digits), 10);
  return Number.isSafeInteger(n) ? n : 0;
}

/** An amount as an entry, for a preset (a quick tender, a tip): 5100 is "51", 450 is "4.50", 0 is "". */
export function minorToEntry(amount: number, digits: number): string {
  if (amount <= 0) return '';
  const s = String(Math.trunc(amount)).padStart(digits + 1, '0');
  const whole = digits > 0 ? s.slice(0, -digits) : s;
  const frac = digits > 0 ? s.slice(-digits) : '';
  return /^0*$/.test(frac) ? whole : `${whole}.${frac}`;
}

/** The key a keyboard key stands for: digits, "." or "," for the decimal key, Backspace, Delete (clear). */
export function keyFromKeyboard(key: string): PadKey | null {
  if (/^[0-9]$/.test(key)) return key as PadKey;
  if (key === '.' || key === ',') return 'dec';
  if (key === 'Backspace') return 'back';
  if (key === 'Delete') return 'clear';
  return null;
}
