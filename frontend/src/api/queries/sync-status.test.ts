import { describe, expect, it } from 'vitest';
import { minutesBehind } from './get-sync-status';

describe('minutes behind head office', () => {
  const now = Date.parse('2026-12-03T10:00:00Z');
  const status = (over: object) => ({ enrolled: true, pending: 3, oldest_pending_at: '2026-12-03T09:40:00Z', ...over });
  it('counts from the oldest waiting change once past 15 minutes', () => {
    expect(minutesBehind(status({}), now)).toBe(20);
    expect(minutesBehind(status({ oldest_pending_at: '2026-12-03T09:45:00Z' }), now)).toBeNull();
    expect(minutesBehind(status({ oldest_pending_at: '2026-12-03T09:44:00Z' }), now)).toBe(16);
  });
  it('says nothing for a shop not linked, with nothing waiting, or before the status is known', () => {
    expect(minutesBehind(status({ enrolled: false }), now)).toBeNull();
    expect(minutesBehind(status({ pending: 0 }), now)).toBeNull();
    expect(minutesBehind(undefined, now)).toBeNull();
  });
});
