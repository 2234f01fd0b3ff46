import type { GroupEntry, GroupInput, LibraryGroupInput, LibraryGroupView, ModifierGroupView } from '../../../api';
import { formatDecimal, parseDecimal, type DecimalError } from '../../../ui/decimal';

/** A modifier group as the form holds it: text fields, parsed on save. */
export interface OptionDraft {
  key: string;
  /** A library group's option keeps its id while the group is edited (orders naming it stay valid). */
  id?: string;
  name: string;
  delta: string;
}
export interface GroupDraft {
  key: string;
  /** A library group attached to the item: shown, not edited here (it is saved as `{library_group_id}`). */
  libraryId?: string;
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

function toDraft(g: ModifierGroupView, digits: number, locale: string, keepIds: boolean): GroupDraft {
  return {
    key: draftKey(),
    name: g.name,
    min: String(g.min),
    max: String(g.max),
    options: g.options.map((o) => ({
      key: draftKey(),
      ...(keepIds ? { id: o.id } : {}),
      name: o.name,
      delta: o.price_delta.amount === 0 ? '' : formatDecimal(o.price_delta.amount, digits, locale),
    })),
  };
}

/** An item's groups as the form holds them; those whose id is in `library` are attached library groups. */
export function groupsToDrafts(groups: ModifierGroupView[], digits: number, locale: string, library: ReadonlySet<string> = new Set()): GroupDraft[] {
  return groups.map((g) => (library.has(g.id) ? { ...toDraft(g, digits, locale, false), libraryId: g.id } : toDraft(g, digits, locale, false)));
}

/** A library group attached to an item in the form (shown with its current name and options). */
export function libraryDraft(g: LibraryGroupView, digits: number, locale: string): GroupDraft {
  return { ...toDraft(g, digits, locale, false), libraryId: g.id };
}

/** A library group in its own editor: its options keep their ids. */
export function libraryToDraft(g: LibraryGroupView, digits: number, locale: string): GroupDraft {
  return toDraft(g, digits, locale, true);
}

export type DraftProblem =
  | { where: 'group'; group: number; error: 'name' | 'minMax' | 'noOptions' | 'minOverOptions' }
  | { where: 'option'; group: number; option: number; error: 'name' | DecimalError };

const count = (s: string) => (/^\d{1,3}$/.test(s.trim()) ? Number.parseInt(s.trim(), 10) : NaN);

/** One group's fields checked (problems pushed to `problems`) and parsed. */
function checkDraft(g: GroupDraft, gi: number, problems: DraftProblem[], currency: string, digits: number, locale: string): GroupInput {
  const min = count(g.min);
  const max = count(g.max);
  if (!g.name.trim()) problems.push({ where: 'group', group: gi, error: 'name' });
  if (Number.isNaN(min) || Number.isNaN(max) || max < 1 || min > max) problems.push({ where: 'group', group: gi, error: 'minMax' });
  else if (min > g.options.length) problems.push({ where: 'group', group: gi, error: 'minOverOptions' });
  if (g.options.length === 0) problems.push({ where: 'group', group: gi, error: 'noOptions' });
  const options = g.options.map((o, oi) => {
    if (!o.name.trim()) problems.push({ where: 'option', group: gi, option: oi, error: 'name' });
    const d = o.delta.trim() === '' ? ({ ok: true, value: 0 } as const) : parseDecimal(o.delta, { digits, locale, allowNegative: true });
    if (!d.ok) problems.push({ where: 'option', group: gi, option: oi, error: d.error });
    return { name: o.name.trim(), price_delta: { amount: d.ok ? d.value : 0, currency } };
  });
  return { name: g.name.trim(), min: min || 0, max: max || 0, options };
}

/** Checks the drafts and builds what `PUT /api/items/{id}/modifier-groups` takes (library groups by id). */
export function draftsToGroups(
  drafts: GroupDraft[],
  currency: string,
  digits: number,
  locale: string,
): { ok: true; groups: GroupEntry[] } | { ok: false; problems: DraftProblem[] } {
  const problems: DraftProblem[] = [];
  const groups: GroupEntry[] = drafts.map((g, gi) =>
    g.libraryId ? { library_group_id: g.libraryId } : checkDraft(g, gi, problems, currency, digits, locale),
  );
  return problems.length ? { ok: false, problems } : { ok: true, groups };
}

/** Checks one library group's draft and builds what `POST`/`PUT /api/modifier-groups` take. */
export function draftToLibraryGroup(
  draft: GroupDraft,
  currency: string,
  digits: number,
  locale: string,
): { ok: true; group: LibraryGroupInput } | { ok: false; problems: DraftProblem[] } {
  const problems: DraftProblem[] = [];
  const g = checkDraft(draft, 0, problems, currency, digits, locale);
  if (problems.length) return { ok: false, problems };
  const options = g.options.map((o, i) => {
    const id = draft.options[i]!.id;
    return id ? { id, ...o } : o;
  });
  return { ok: true, group: { ...g, options } };
}

/** The groups as the server shows them, in the shape it takes (to see whether anything changed). */
export function viewsToGroups(groups: ModifierGroupView[], library: ReadonlySet<string> = new Set()): GroupEntry[] {
  return groups.map((g) =>
    library.has(g.id)
      ? { library_group_id: g.id }
      : {
          name: g.name,
          min: g.min,
          max: g.max,
          options: g.options.map((o) => ({ name: o.name, price_delta: o.price_delta })),
        },
  );
}
