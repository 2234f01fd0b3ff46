/** What is wrong with a table's fields: keys of `tables.invalid`. */
export type TableProblems = Partial<Record<'name' | 'area', true>>;

/** The server's rules for a table (a name of 1 to 16 characters, an area of at most 40), checked before sending. */
export function checkTable(name: string, area: string): { ok: true; name: string; area: string } | { ok: false; problems: TableProblems } {
  const n = name.trim();
  const a = area.trim();
  const problems: TableProblems = {};
  const length = [...n].length;
  if (length < 1 || length > 16) problems.name = true;
  if ([...a].length > 40) problems.area = true;
  return Object.keys(problems).length ? { ok: false, problems } : { ok: true, name: n, area: a };
}

/** The address a table's QR code carries: `<base>/t/<code>` (the server prints the same). */
export function guestLink(base: string, code: string): string {
  return `${base.replace(/\/+$/, '')}/t/${code}`;
}
