import type { MenuView } from '../api/types';

/** The id of the kiosk's and table pages' first tab: the featured items. */
export const FEATURED = 'featured';

/**
 * The menu with a first category holding the featured items that are available (when there
 * are any), so that the kiosk and the table pages open on them; the items stay in their own
 * categories too.
 */
export function withFeatured(menu: MenuView, label: string): MenuView {
  const items = menu.categories.flatMap((c) => c.items.filter((i) => i.featured && i.available));
  if (items.length === 0) return menu;
  return { ...menu, categories: [{ id: FEATURED, name: label, station: null, items }, ...menu.categories] };
}
