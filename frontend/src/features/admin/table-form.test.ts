import { describe, expect, it } from 'vitest';
import { checkTable, guestLink } from './lib/table-form';

describe('a table in the admin panel', () => {
  it('has a name of 1 to 16 characters and an area of at most 40, both trimmed', () => {
    expect(checkTable('  12 ', ' Terrasse ')).toEqual({ ok: true, name: '12', area: 'Terrasse' });
    expect(checkTable('Fensterplatz Süd', '')).toEqual({ ok: true, name: 'Fensterplatz Süd', area: '' });
    expect(checkTable('   ', '')).toEqual({ ok: false, problems: { name: true } });
    expect(checkTable('x'.repeat(17), 'y'.repeat(41))).toEqual({ ok: false, problems: { name: true, area: true } });
  });

  it('is opened by guests at <base>/t/<code>, with or without a slash after the base', () => {
    expect(guestLink('http://192.168.1.20:8080', 'ABCDEFGHJK')).toBe('http://192.168.1.20:8080/t/ABCDEFGHJK');
    expect(guestLink('http://192.168.1.20:8080/', 'ABCDEFGHJK')).toBe('http://192.168.1.20:8080/t/ABCDEFGHJK');
  });
});
