import { describe, expect, it } from 'vitest';
import { minutesUntil } from './ReadyTime';

describe('ready time', () => {
  it('counts whole minutes up, and none once it is due', () => {
    const now = Date.parse('2026-12-03T10:00:00Z');
    expect(minutesUntil('2026-12-03T10:07:00Z', now)).toBe(7);
    expect(minutesUntil('2026-12-03T10:00:30Z', now)).toBe(1);
    expect(minutesUntil('2026-12-03T09:58:00Z', now)).toBe(0);
  });
});
