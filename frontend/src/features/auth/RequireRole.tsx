import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { Role } from '../../api';
import { useSession } from '../../api/hooks';
import { LoginPage } from './LoginPage';

/** Shows the sign-in screen in place when nobody (or the wrong role) is signed in. */
export function RequireRole({ roles, children, pairFirst }: { roles: Role[]; children: ReactNode; pairFirst?: boolean }) {
  const s = useSession();
  const loc = useLocation();
  if (!s) {
    if (pairFirst) return <Navigate to={`/pair?next=${encodeURIComponent(loc.pathname)}`} replace />;
    return <LoginPage />;
  }
  if (!roles.includes(s.role)) return <LoginPage wrongRole={s.role} />;
  return <>{children}</>;
}
