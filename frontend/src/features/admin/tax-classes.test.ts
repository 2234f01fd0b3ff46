import { describe, expect, it } from 'vitest';
import type { ShopSettings } from '../../api';
import { draftsToTaxClasses, newTaxClassDraft, removedTaxClasses, taxClassesToDrafts, type TaxClassDraft } from './lib/tax-classes';

const settings = (over: Partial<ShopSettings> = {}): ShopSettings => ({ shop_name: 'Crema', currency: 'EUR', tax_mode: 'inclusive', tax_rate_bps: 1900, ...over });
const draft = (id: string, name: string, eat_in: string, takeaway: string): TaxClassDraft => ({ ...newTaxClassDraft(), id, name, eat_in, takeaway });

describe('tax classes', () => {
  it('shows a server without classes as the one standard class', () => {
    expect(taxClassesToDrafts(settings(), 'de')).toEqual([{ key: 'standard', id: 'standard', name: 'Standard', eat_in: '19', takeaway: '19', saved: true }]);
  });

  it('turns percent text into whole basis points, without floats', () => {
    const r = draftsToTaxClasses([draft('standard', 'Standard', '19', '7'), draft(' Reduced ', ' Food ', '7,25', '0.07')], 'de');
    expect(r).toEqual({
      ok: true,
      classes: [
        { id: 'standard', name: 'Standard', eat_in_bps: 1900, takeaway_bps: 700 },
        { id: 'reduced', name: 'Food', eat_in_bps: 725, takeaway_bps: 7 },
      ],
    });
    // 0.29 and 0.57 are the classic float traps: 29 and 57 basis points exactly.
    const traps = draftsToTaxClasses([draft('a', 'A', '0.29', '0.57')], 'en');
    expect(traps.ok && traps.classes[0]).toMatchObject({ eat_in_bps: 29, takeaway_bps: 57 });
    for (const c of traps.ok ? traps.classes : []) expect(Number.isInteger(c.eat_in_bps) && Number.isInteger(c.takeaway_bps)).toBe(true);
  });

  it('says what is wrong, row by row', () => {
    const r = draftsToTaxClasses(
      [draft('standard', 'Standard', '19', '7'), draft('Bad id!', '', '12.345', '101'), draft('standard', 'Again', '', '5')],
      'en',
    );
    expect(r).toEqual({ ok: false, problems: [{}, { id: 'id', name: 'name', eat_in: 'rate', takeaway: 'rate' }, { id: 'duplicate' }] });
  });

  it('names the saved classes a change removes', () => {
    const s = settings({ tax_classes: [{ id: 'standard', name: 'Standard', eat_in_bps: 1900, takeaway_bps: 700 }, { id: 'food', name: 'Food', eat_in_bps: 700, takeaway_bps: 700 }] });
    const drafts = taxClassesToDrafts(s, 'en');
    expect(removedTaxClasses(s, drafts)).toEqual([]);
    expect(removedTaxClasses(s, drafts.slice(0, 1))).toEqual(['food']);
  });
});
