/**
 * An order line lists an option taken twice (a double extra shot) twice, so its deltas add up.
 * Screens show it once with its count: `2× Extra shot`.
 */
export function modifierCounts<M extends { id: string; name: string }>(modifiers: readonly M[]): { modifier: M; count: number }[] {
  const out: { modifier: M; count: number }[] = [];
  for (const m of modifiers) {
    const seen = out.find((x) => x.modifier.id === m.id);
    if (seen) seen.count += 1;
    else out.push({ modifier: m, count: 1 });
  }
  return out;
}

/** `Extra shot`, or `2× Extra shot` when taken twice. */
export function countedName(name: string, count: number): string {
  return count > 1 ? `${count}× ${name}` : name;
}

/** The modifiers' names as a person reads them: each once, with its count where above 1. */
export function modifierLabels(modifiers: readonly { id: string; name: string }[]): string[] {
  return modifierCounts(modifiers).map(({ modifier, count }) => countedName(modifier.name, count));
}
