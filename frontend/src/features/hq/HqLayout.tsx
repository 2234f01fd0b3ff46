import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { Layout, StatusBadge } from '../../ui';
import { useLiveStatus } from './api/live';
import { useHqLogout, useHqSession } from './api/session';

/** Head office's screens: the shared top bar with its sections, the live status and who is signed in. */
export function HqLayout({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  const status = useLiveStatus();
  const session = useHqSession();
  const logout = useHqLogout();
  return (
    <Layout
      title={title}
      className="hq"
      actions={
        <>
          <nav className="hq-nav" aria-label={t('hq.nav')}>
            <NavLink end to="/hq" className={({ isActive }) => `btn btn-ghost btn-md ${isActive ? 'hq-nav-on' : ''}`} data-testid="hq-nav-dashboard">
              {t('hq.dashboard')}
            </NavLink>
            <NavLink to="/hq/menu" className={({ isActive }) => `btn btn-ghost btn-md ${isActive ? 'hq-nav-on' : ''}`} data-testid="hq-nav-menu">
              {t('hq.menu')}
            </NavLink>
          </nav>
          <StatusBadge status={status} />
          {session && (
            <span className="who" data-testid="who" title={`${session.name ?? ''} · ${t('hq.owner')}`}>
              <span className="who-name">{session.name ?? t('hq.owner')}</span>
            </span>
          )}
          <button type="button" className="btn btn-ghost btn-md" onClick={() => logout.mutate()}>
            {t('auth.signOut')}
          </button>
        </>
      }
    >
      {children}
    </Layout>
  );
}
