import type { GroupInput, ModifierGroupView } from '../../../api';
import { formatDecimal, parseDecimal, type DecimalError } from '../../../ui/decimal';

/** A modifier group as the form holds it: text fields, parsed on save. */
export interface OptionDraft {
  key: string;
  name: string;
  delta: string;
}
export interface GroupDraft {
  key: string;
  name: string;
  min: string;
  max: string;
  options: OptionDraft[];
}

let seq = 0;
export const draftKey = () => `d${++seq}`;

export function newOption(): OptionDraft {
  return { key: draftKey(), name: '', delta: '' };
}
export function newGroup(): GroupDraft {
  return { key: draftKey(), name: '', min: '0', max: '1', options: [newOption()] };
}

export function groupsToDrafts(groups: ModifierGroupView[], digits: number, locale: string): GroupDraft[] {
  return groups.map((g) => ({
    key: draftKey(),
    name: g.name,
    min: String(g.min),
    max: String(g.max),
    options: g.options.map((o) => ({
      key: draftKey(),
      name: o.name,
      delta: o.price_delta.amount === 0 ? '' : formatDecimal(o.price_delta.amount, digits, locale),
    })),
  }));
}

export type DraftProblem =
  | { where: 'group'; group: number; error: 'name' | 'minMax' | 'noOptions' | 'maxOverOptions' }
  | { where: 'option'; group: number; option: number; error: 'name' | DecimalError };

const count = (s: string) => (/^\d{1,3}$/.test(s.trim()) ? Number.parseInt(s.trim(), 10) : NaN);

/** Checks the drafts and builds what `PUT /api/items/{id}/modifier-groups` takes. */
export function draftsToGroups(
  drafts: GroupDraft[],
  currency: string,
  digits: number,
  locale: string,
): { ok: true; groups: GroupInput[] } | { ok: false; problems: DraftProblem[] } {
  const problems: DraftProblem[] = [];
  const groups: GroupInput[] = drafts.map((g, gi) => {
    const min = count(g.min);
    const max = count(g.max);
    if (!g.name.trim()) problems.push({ where: 'group', group: gi, error: 'name' });
    if (Number.isNaN(min) || Number.isNaN(max) || max < 1 || min > max) problems.push({ where: 'group', group: gi, error: 'minMax' });
    else if (max > g.options.length || min > g.options.length) problems.push({ where: 'group', group: gi, error: 'maxOverOptions' });
    if (g.options.length === 0) problems.push({ where: 'group', group: gi, error: 'noOptions' });
    const options = g.options.map((o, oi) => {
      if (!o.name.trim()) problems.push({ where: 'option', group: gi, option: oi, error: 'name' });
      const d = o.delta.trim() === '' ? ({ ok: true, value: 0 } as const) : parseDecimal(o.delta, { digits, locale, allowNegative: true });
      if (!d.ok) problems.push({ where: 'option', group: gi, option: oi, error: d.error });
      return { name: o.name.trim(), price_delta: { amount: d.ok ? d.value : 0, currency } };
    });
    return { name: g.name.trim(), min: min || 0, max: max || 0, options };
  });
  return problems.length ? { ok: false, problems } : { ok: true, groups };
}

/** The groups as the server shows them, in the shape it takes (to see whether anything changed). */
export function viewsToGroups(groups: ModifierGroupView[]): GroupInput[] {
  return groups.map((g) => ({
    name: g.name,
    min: g.min,
    max: g.max,
    options: g.options.map((o) => ({ name: o.name, price_delta: o.price_delta })),
  }));
}
