import type { Role } from '../../api';

/** Where each role lands after signing in. */
export function homeFor(role: Role): string {
  switch (role) {
    case 'admin':
      return '/admin';
    case 'kitchen':
      return '/kitchen';
    case 'kiosk':
    case 'customer':
      return '/kiosk';
    default:
      return '/counter';
  }
}
