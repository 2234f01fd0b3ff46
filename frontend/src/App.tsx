import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { HomePage, LoginPage, RequireRole } from './features/auth';
import { CounterPage } from './features/counter';
import { SetupPage, useSetupStatus } from './features/setup';

// The counter's first load is the counter: every other screen comes in its
// own chunk when first opened (the dashboard with its chart library, admin,
// the kitchen board, the kiosk and customer pages).
const ReportsPage = lazy(() => import('./features/reports').then((m) => ({ default: m.ReportsPage })));
const ZReportPage = lazy(() => import('./features/reports').then((m) => ({ default: m.ZReportPage })));
const AdminPage = lazy(() => import('./features/admin').then((m) => ({ default: m.AdminPage })));
const KitchenBoard = lazy(() => import('./features/kitchen').then((m) => ({ default: m.KitchenBoard })));
const KioskPage = lazy(() => import('./features/kiosk').then((m) => ({ default: m.KioskPage })));
const OrderStatusPage = lazy(() => import('./features/kiosk').then((m) => ({ default: m.OrderStatusPage })));
const PairPage = lazy(() => import('./features/kiosk').then((m) => ({ default: m.PairPage })));
const AccountPage = lazy(() => import('./features/kiosk').then((m) => ({ default: m.AccountPage })));
// A guest's phone at a table (the table's QR code): no sign-in.
const GuestPage = lazy(() => import('./features/guest').then((m) => ({ default: m.GuestPage })));
// Head office's screens (served by `crema hq serve` at /hq), with their own sign-in.
const HqApp = lazy(() => import('./features/hq').then((m) => ({ default: m.HqApp })));

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
  // Head office has no shop setup: its screens skip the shop's gate.
  const { pathname } = useLocation();
  if (pathname === '/hq' || pathname.startsWith('/hq/')) {
    return (
      <Suspense fallback={null}>
        <HqApp />
      </Suspense>
    );
  }
  return (
    <SetupGate>
      <AppRoutes />
    </SetupGate>
  );
}

function AppRoutes() {
  return (
    <Suspense fallback={null}>
      <Routes>
      <Route path="/setup" element={<SetupPage />} />
      <Route path="/" element={<HomePage />} />
      <Route path="/login" element={<LoginPage />} />
      <Route path="/counter" element={<RequireRole roles={['cashier', 'admin']}><CounterPage /></RequireRole>} />
      <Route path="/kitchen" element={<RequireRole roles={['kitchen', 'cashier', 'admin']}><KitchenBoard /></RequireRole>} />
      <Route path="/admin" element={<RequireRole roles={['admin']}><AdminPage /></RequireRole>} />
      <Route path="/reports" element={<RequireRole roles={['admin']}><ReportsPage /></RequireRole>} />
      <Route path="/reports/z" element={<RequireRole roles={['admin']}><ZReportPage /></RequireRole>} />
      <Route path="/pair" element={<PairPage />} />
      <Route path="/account" element={<AccountPage />} />
      <Route path="/kiosk" element={<RequireRole roles={['kiosk', 'customer', 'admin', 'cashier']} pairFirst><KioskPage /></RequireRole>} />
      <Route path="/kiosk/order/:id" element={<RequireRole roles={['kiosk', 'customer', 'admin', 'cashier']} pairFirst><OrderStatusPage /></RequireRole>} />
      <Route path="/t/:code" element={<GuestPage />} />
      <Route path="*" element={<HomePage />} />
      </Routes>
    </Suspense>
  );
}
