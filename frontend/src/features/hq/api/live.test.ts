import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { dailyKey, menuKey, shopsKey, versionsKey } from './keys';
import { applyHqEvent } from './live';

function cached() {
  const qc = new QueryClient();
  for (const key of [dailyKey('2026-03-01', '2026-03-07'), shopsKey, menuKey, versionsKey]) qc.setQueryData(key, {});
  const stale = () =>
    qc
      .getQueryCache()
      .getAll()
      .filter((q) => q.state.isInvalidated)
      .map((q) => q.queryKey.slice(1).join('/'))
      .sort();
  return { qc, stale };
}

describe('head office live events', () => {
  it('a shop’s sync makes the reports and the shops stale, not the menu', () => {
    const { qc, stale } = cached();
    applyHqEvent(qc, 'shop.synced');
    expect(stale()).toEqual(['reports/daily/2026-03-01/2026-03-07', 'shops']);
  });

  it('a menu published or applied makes the menu, its versions and the shops stale', () => {
    for (const name of ['menu.published', 'menu.applied']) {
      const { qc, stale } = cached();
      applyHqEvent(qc, name);
      expect(stale(), name).toEqual(['menu', 'menu/versions', 'shops']);
    }
  });

  it('an event it does not know changes nothing', () => {
    const { qc, stale } = cached();
    applyHqEvent(qc, 'something.new');
    expect(stale()).toEqual([]);
  });
});
