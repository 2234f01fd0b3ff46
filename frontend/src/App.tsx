import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { HomePage, LoginPage, RequireRole } from './features/auth';
import { AdminPage } from './features/admin';
import { CounterPage } from './features/counter';
import { KitchenBoard } from './features/kitchen';
import { KioskPage, OrderStatusPage, PairPage, AccountPage } from './features/kiosk';
import { SetupPage, useSetupStatus } from './features/setup';

// The dashboard (and its chart library) loads only when an admin opens it.
const ReportsPage = lazy(() => import('./features/reports').then((m) => ({ default: m.ReportsPage })));
const ZReportPage = lazy(() => import('./features/reports').then((m) => ({ default: m.ZReportPage })));

/**
 * Asks once at start whether the shop still needs its first-run setup; while it
 * does, every route leads to /setup. A server without the setup endpoint (or one
 * that cannot be reached) counts as set up.
 */
function SetupGate({ children }: { children: ReactNode }) {
  const loc = useLocation();
  const q = useSetupStatus();
  if (q.isPending) return null;
  const needed = q.data?.needed === true;
  if (needed && loc.pathname !== '/setup') return <Navigate to="/setup" replace />;
  if (!needed && loc.pathname === '/setup') return <Navigate to={q.data?.completedHere ? '/login?setup=done' : '/'} replace />;
  return <>{children}</>;
}

export function App() {
  return (
    <SetupGate>
      <AppRoutes />
    </SetupGate>
  );
}

function AppRoutes() {
  return (
    <Routes>
      <Route path="/setup" element={<SetupPage />} />
      <Route path="/" element={<HomePage />} />
      <Route path="/login" element={<LoginPage />} />
      <Route path="/counter" element={<RequireRole roles={['cashier', 'admin']}><CounterPage /></RequireRole>} />
      <Route path="/kitchen" element={<RequireRole roles={['kitchen', 'cashier', 'admin']}><KitchenBoard /></RequireRole>} />
      <Route path="/admin" element={<RequireRole roles={['admin']}><AdminPage /></RequireRole>} />
      <Route path="/reports" element={<RequireRole roles={['admin']}><Suspense fallback={null}><ReportsPage /></Suspense></RequireRole>} />
      <Route path="/reports/z" element={<RequireRole roles={['admin']}><Suspense fallback={null}><ZReportPage /></Suspense></RequireRole>} />
      <Route path="/pair" element={<PairPage />} />
      <Route path="/account" element={<AccountPage />} />
      <Route path="/kiosk" element={<RequireRole roles={['kiosk', 'customer', 'admin', 'cashier']} pairFirst><KioskPage /></RequireRole>} />
      <Route path="/kiosk/order/:id" element={<RequireRole roles={['kiosk', 'customer', 'admin', 'cashier']} pairFirst><OrderStatusPage /></RequireRole>} />
      <Route path="*" element={<HomePage />} />
    </Routes>
  );
}
