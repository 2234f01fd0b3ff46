import { Navigate, Route, Routes } from 'react-router';
import './i18n';
import './hq.css';
import { LiveStatus, useHqLive } from './api/live';
import { useHqSession } from './api/session';
import { DashboardPage } from './DashboardPage';
import { HqLoginPage } from './HqLoginPage';
import { MenuPage } from './MenuPage';

/**
 * Head office's screens at `/hq` (served by `crema hq serve`): the owner's sign-in, then
 * the dashboard across shops and the menu roll-out, kept current by head office's live
 * events where it has them.
 */
export function HqApp() {
  const session = useHqSession();
  const status = useHqLive(session !== null);
  if (!session) return <HqLoginPage />;
  return (
    <LiveStatus.Provider value={status}>
      <Routes>
        <Route path="/hq" element={<DashboardPage />} />
        <Route path="/hq/menu" element={<MenuPage />} />
        <Route path="*" element={<Navigate to="/hq" replace />} />
      </Routes>
    </LiveStatus.Provider>
  );
}
