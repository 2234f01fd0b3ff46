import type { ShopSettings, TaxClass } from '../../../api';
import { formatBps, parsePercentBps } from '../../../ui/decimal';

/** The class every shop has; it cannot be removed. */
export const STANDARD_CLASS = 'standard';
/** The server keeps 1 to 10 classes. */
export const MAX_TAX_CLASSES = 10;

/** One tax class in the settings form: rates as the percent text typed. */
export interface TaxClassDraft {
  /** Stable across edits (React key). */
  key: string;
  id: string;
  name: string;
  eat_in: string;
  takeaway: string;
  /** Saved before: its id is fixed (items refer to it). */
  saved: boolean;
}

export type TaxClassField = 'id' | 'name' | 'eat_in' | 'takeaway';
/** i18n keys under `admin.taxClasses.invalid` */
export type TaxClassProblem = 'id' | 'duplicate' | 'name' | 'rate';
export type TaxClassProblems = Partial<Record<TaxClassField, TaxClassProblem>>;

let next = 0;

/** A new, empty class for the form. */
export function newTaxClassDraft(): TaxClassDraft {
  return { key: `new-${++next}`, id: '', name: '', eat_in: '', takeaway: '', saved: false };
}

/** The settings' classes as form rows (a server without classes has the one rate as `standard`). */
export function taxClassesToDrafts(s: ShopSettings, locale: string): TaxClassDraft[] {
  const classes = s.tax_classes?.length ? s.tax_classes : [{ id: STANDARD_CLASS, name: 'Standard', eat_in_bps: s.tax_rate_bps, takeaway_bps: s.tax_rate_bps }];
  return classes.map((c) => ({ key: c.id, id: c.id, name: c.name, eat_in: formatBps(c.eat_in_bps, locale), takeaway: formatBps(c.takeaway_bps, locale), saved: true }));
}

/**
 * The rows as the server takes them: rates in whole basis points (parsed from the text,
 * never through floats), ids of `a-z 0-9 _ -`. Problems come back row by row.
 */
export function draftsToTaxClasses(drafts: TaxClassDraft[], locale: string): { ok: true; classes: TaxClass[] } | { ok: false; problems: TaxClassProblems[] } {
  const classes: TaxClass[] = [];
  const problems = drafts.map((d, i) => {
    const p: TaxClassProblems = {};
    const id = d.id.trim().toLowerCase();
    if (!/^[a-z0-9_-]{1,32}$/.test(id)) p.id = 'id';
    else if (drafts.slice(0, i).some((o) => o.id.trim().toLowerCase() === id)) p.id = 'duplicate';
    const name = d.name.trim();
    if (name === '' || [...name].length > 40) p.name = 'name';
    const eatIn = parsePercentBps(d.eat_in.trim() || '0', locale);
    const takeaway = parsePercentBps(d.takeaway.trim() || '0', locale);
    if (!eatIn.ok) p.eat_in = 'rate';
    if (!takeaway.ok) p.takeaway = 'rate';
    if (eatIn.ok && takeaway.ok) classes.push({ id, name, eat_in_bps: eatIn.value, takeaway_bps: takeaway.value });
    return p;
  });
  if (problems.some((p) => Object.keys(p).length > 0)) return { ok: false, problems };
  return { ok: true, classes };
}

/** The saved classes a change leaves out (the server refuses it while items have them). */
export function removedTaxClasses(before: ShopSettings, drafts: TaxClassDraft[]): string[] {
  const kept = new Set(drafts.map((d) => d.id.trim().toLowerCase()));
  return (before.tax_classes ?? []).map((c) => c.id).filter((id) => !kept.has(id));
}
