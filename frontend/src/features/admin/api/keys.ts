import type { QueryClient } from '@tanstack/react-query';
import { menuKey, printerKey } from '../../../api/keys';

export const categoriesKey = ['categories'] as const;
export const couponsKey = ['coupons'] as const;
export const usersKey = ['users'] as const;
export const devicesKey = ['devices'] as const;
export const auditKey = ['audit'] as const;

/** After a menu change: the admin lists refetch (tablets follow `menu.updated` by themselves). */
export function invalidateMenu(qc: QueryClient): Promise<void> {
  return Promise.all([qc.invalidateQueries({ queryKey: categoriesKey }), qc.invalidateQueries({ queryKey: menuKey })]).then(() => undefined);
}
export const printerSettingsKey = [...printerKey, 'settings'] as const;
export const updateKey = ['desktop', 'update'] as const;
