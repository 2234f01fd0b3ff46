import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { HomePage, LoginPage, RequireRole } from './features/auth';
import { AdminPage } from './features/admin';
import { CounterPage } from './features/counter';
import { KitchenBoard } from './features/kitchen';
import { KioskPage, OrderStatusPage, PairPage, AccountPage } from './features/kiosk';

// The dashboard (and its chart library) loads only when an admin opens it.
const ReportsPage = lazy(() => import('./features/reports').then((m) => ({ default: m.ReportsPage })));

export function App() {
  return (
    <Routes>
      <Route path="/" element={<HomePage />} />
      <Route path="/login" element={<LoginPage />} />
      <Route path="/counter" element={<RequireRole roles={['cashier', 'admin']}><CounterPage /></RequireRole>} />
      <Route path="/kitchen" element={<RequireRole roles={['kitchen', 'cashier', 'admin']}><KitchenBoard /></RequireRole>} />
      <Route path="/admin" element={<RequireRole roles={['admin']}><AdminPage /></RequireRole>} />
      <Route path="/reports" element={<RequireRole roles={['admin']}><Suspense fallback={null}><ReportsPage /></Suspense></RequireRole>} />
      <Route path="/pair" element={<PairPage />} />
      <Route path="/account" element={<AccountPage />} />
      <Route path="/kiosk" element={<RequireRole roles={['kiosk', 'customer', 'admin', 'cashier']} pairFirst><KioskPage /></RequireRole>} />
      <Route path="/kiosk/order/:id" element={<RequireRole roles={['kiosk', 'customer', 'admin', 'cashier']} pairFirst><OrderStatusPage /></RequireRole>} />
      <Route path="*" element={<HomePage />} />
    </Routes>
  );
}
