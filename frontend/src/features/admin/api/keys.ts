import type { QueryClient } from '@tanstack/react-query';
import { menuKey, printerKey } from '../../../api/keys';

export const categoriesKey = ['categories'] as const;
export const couponsKey = ['coupons'] as const;
export const usersKey = ['users'] as const;
export const devicesKey = ['devices'] as const;
export const auditKey = ['audit'] as const;
/** The library of modifier groups (which items have each one changes with the menu). */
export const modifierGroupsKey = ['modifier-groups'] as const;

/** After a menu change: the admin lists refetch (tablets follow `menu.updated` by themselves). */
export function invalidateMenu(qc: QueryClient): Promise<void> {
  return Promise.all([
    qc.invalidateQueries({ queryKey: categoriesKey }),
    qc.invalidateQueries({ queryKey: menuKey }),
    qc.invalidateQueries({ queryKey: modifierGroupsKey }),
  ]).then(() => undefined);
}
export const printerSettingsKey = [...printerKey, 'settings'] as const;
export const updateKey = ['desktop', 'update'] as const;
/** Feedback to moderate, one list per status filter (`all` for none). */
export const feedbackKey = ['feedback', 'moderation'] as const;
/** The admins' inbox. */
export const notificationsKey = ['notifications'] as const;
/** The shop's tables and their QR codes. */
export const tablesKey = ['tables'] as const;
