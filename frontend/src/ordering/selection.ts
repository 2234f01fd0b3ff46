import type { ItemView, ModifierGroupView } from '../api/types';

/**
 * The options chosen in the modifier dialog: option id → how often it is taken (1 or more).
 * An option is taken more than once (a double extra shot) only in a group whose max is above 1;
 * every repetition counts towards the group's min and max, as the server counts them.
 */
export type Selection = ReadonlyMap<string, number>;

/** How often `optionId` is taken. */
export function countOf(selected: Selection, optionId: string): number {
  return selected.get(optionId) ?? 0;
}

/** The options taken in `group`, every repetition counted. */
export function groupCount(group: ModifierGroupView, selected: Selection): number {
  return group.options.reduce((n, o) => n + countOf(selected, o.id), 0);
}

/** Per-group problems with a selection; empty when the selection is valid. */
export function selectionErrors(
  groups: ModifierGroupView[],
  selected: Selection,
): { groupId: string; name: string; min: number; max: number; count: number }[] {
  const out = [];
  for (const g of groups) {
    const count = groupCount(g, selected);
    if (count < g.min || count > g.max) out.push({ groupId: g.id, name: g.name, min: g.min, max: g.max, count });
  }
  return out;
}

/**
 * Toggles an option within its group's limits: a single-choice group (max 1) swaps;
 * a full multi-choice group refuses more; an option taken (any number of times) is dropped.
 */
export function toggleOption(group: ModifierGroupView, selected: Selection, optionId: string): Map<string, number> {
  const next = new Map(selected);
  if (next.has(optionId)) {
    next.delete(optionId);
    return next;
  }
  if (group.max === 1) {
    for (const o of group.options) next.delete(o.id);
  } else if (groupCount(group, next) >= group.max) {
    return next;
  }
  next.set(optionId, 1);
  return next;
}

/** Whether one more of `optionId` fits: only in groups whose max is above 1, up to that max. */
export function canTakeMore(group: ModifierGroupView, selected: Selection): boolean {
  return group.max > 1 && groupCount(group, selected) < group.max;
}

/** One more (`+1`) or one less (`-1`) of an option; unchanged where the group's max forbids it. */
export function stepOption(group: ModifierGroupView, selected: Selection, optionId: string, step: 1 | -1): Map<string, number> {
  const next = new Map(selected);
  const n = countOf(selected, optionId);
  if (step > 0) {
    if (canTakeMore(group, selected)) next.set(optionId, n + 1);
  } else if (n <= 1) {
    next.delete(optionId);
  } else {
    next.set(optionId, n - 1);
  }
  return next;
}

/** Options pre-selected when the dialog opens: the first option of each required single-choice group. */
export function defaultSelection(item: ItemView): Map<string, number> {
  const s = new Map<string, number>();
  for (const g of item.modifier_groups) {
    if (g.min >= 1 && g.max === 1 && g.options[0]) s.set(g.options[0].id, 1);
  }
  return s;
}

/** The order request's ids: menu order, an option taken twice listed twice. */
export function selectionIds(item: ItemView, selected: Selection): string[] {
  return item.modifier_groups.flatMap((g) => g.options).flatMap((o) => Array<string>(countOf(selected, o.id)).fill(o.id));
}

/** What the chosen options add to one item, minor units. */
export function selectionDelta(item: ItemView, selected: Selection): number {
  return item.modifier_groups.flatMap((g) => g.options).reduce((s, o) => s + countOf(selected, o.id) * o.price_delta.amount, 0);
}
