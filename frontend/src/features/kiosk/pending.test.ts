import { describe, expect, it } from 'vitest';
import { memoryStore } from '../../api/session';
import { clearPending, loadPending, savePending, shouldKeepPending } from './pending';

describe('pending kiosk order', () => {
  it('survives a reload (same key) until answered', () => {
    const store = memoryStore();
    const p = { key: 'k-1', body: { lines: [{ item_id: 'i', quantity: 1 }], type: 'takeaway' as const }, at: 1 };
    savePending(store, p);
    expect(loadPending(store)).toEqual(p);
    clearPending(store);
    expect(loadPending(store)).toBeNull();
  });
  it('keeps the key after network failures and server errors, drops it after a refusal', () => {
    expect(shouldKeepPending(0)).toBe(true);
    expect(shouldKeepPending(503)).toBe(true);
    expect(shouldKeepPending(429)).toBe(true);
    expect(shouldKeepPending(422)).toBe(false);
    expect(shouldKeepPending(409)).toBe(false);
  });
});
