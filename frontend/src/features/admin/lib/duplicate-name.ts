import type { MenuView } from '../../../api';

/** Another item (not `exceptId`) with this name, ignoring case and surrounding spaces, and its category's name. */
export function sameNamedItem(menu: MenuView | undefined, name: string, exceptId?: string): { name: string; category: string } | null {
  const wanted = name.trim().toLocaleLowerCase();
  if (!menu || !wanted) return null;
  for (const c of menu.categories) {
    const hit = c.items.find((i) => i.id !== exceptId && i.name.trim().toLocaleLowerCase() === wanted);
    if (hit) return { name: hit.name, category: c.name };
  }
  return null;
}
