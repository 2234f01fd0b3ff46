import { describe, expect, it } from 'vitest';
import { de } from './de';
import { en } from './en';
import { hq as hqDe } from './de/hq';
import { hq as hqEn } from './en/hq';

function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : keys(v as object, `${prefix}${k}.`)));
}
function value(o: object, path: string): string {
  return path.split('.').reduce<unknown>((x, k) => (x as Record<string, unknown>)[k], o) as string;
}

// The counter's dictionary, and head office's screens' (loaded with them).
const PAIRS: [string, object, object][] = [
  ['app', en, de],
  ['hq', hqEn, hqDe],
];

describe.each(PAIRS)('translations (%s)', (_name, en, de) => {
  it('German has exactly the English keys', () => {
    expect(keys(de).sort()).toEqual(keys(en).sort());
  });
  it('German keeps every placeholder and translates every non-trivial text', () => {
    for (const k of keys(en)) {
      const e = value(en, k);
      const d = value(de, k);
      const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
      expect(vars(d), k).toEqual(vars(e));
      if (e.length > 12 && !k.startsWith('app.')) expect(d, `${k} looks untranslated`).not.toBe(e);
    }
  });
});
