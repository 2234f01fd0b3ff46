import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useLiveCache } from '../../api/hooks';
import { applyMenuEvent } from '../../api/queries/get-menu';
import { applyPrinterStatusEvent } from '../../api/queries/get-printer-status';
import { applySettingsEvent } from '../../api/queries/get-settings';
import { Layout, SessionMenu, StatusBadge } from '../../ui';
import { AuditPanel } from './AuditPanel';
import { CouponsPanel } from './CouponsPanel';
import { CustomersPanel } from './CustomersPanel';
import { FeedbackPanel } from './FeedbackPanel';
import { applyFeedbackEvent } from './api/feedback';
import { applyNotificationEvent } from './api/notifications';
import { DevicesPanel } from './DevicesPanel';
import { MenuPanel } from './MenuPanel';
import { ModifierLibraryPanel } from './ModifierLibraryPanel';
import { NotificationsBell } from './NotificationsBell';
import { PrinterPanel } from './PrinterPanel';
import { applyStationPrinterEvent } from './api/station-printers';
import { SettingsPanel } from './SettingsPanel';
import { StaffPanel } from './StaffPanel';
import { TablesPanel } from './TablesPanel';
import { useSecurityAlerts } from './security-alerts';

const SECTIONS = ['menu', 'modifiers', 'coupons', 'staff', 'customers', 'devices', 'feedback', 'tables', 'printer', 'settings', 'audit'] as const;
type Section = (typeof SECTIONS)[number];

/** The admin panel: a side nav of sections (kept in `?tab=` so a reload stays put). */
export function AdminPage() {
  const { t } = useTranslation();
  const status = useLiveCache(applyMenuEvent, applySettingsEvent, applyPrinterStatusEvent, applyStationPrinterEvent, applyNotificationEvent, applyFeedbackEvent, useSecurityAlerts());
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab');
  const section: Section = (SECTIONS as readonly string[]).includes(tab ?? '') ? (tab as Section) : 'menu';
  const go = (s: Section) => setParams({ tab: s }, { replace: true });
  const onKey = (e: KeyboardEvent) => {
    const i = SECTIONS.indexOf(section);
    const next = e.key === 'ArrowDown' ? i + 1 : e.key === 'ArrowUp' ? i - 1 : null;
    if (next === null) return;
    e.preventDefault();
    const s = SECTIONS[(next + SECTIONS.length) % SECTIONS.length]!;
    go(s);
    document.getElementById(`admin-tab-${s}`)?.focus();
  };
  return (
    <Layout
      title={t('admin.title')}
      actions={
        <>
          <StatusBadge status={status} />
          <NotificationsBell />
          <Link className="btn btn-ghost btn-md" to="/reports">{t('reports.title')}</Link>
          <Link className="btn btn-ghost btn-md" to="/counter">{t('home.counter')}</Link>
          <Link className="btn btn-ghost btn-md" to="/kitchen">{t('home.kitchen')}</Link>
          <SessionMenu />
        </>
      }
    >
      <div className="admin-shell">
        <nav className="admin-nav" role="tablist" aria-orientation="vertical" aria-label={t('admin.sections')} onKeyDown={onKey}>
          {SECTIONS.map((s) => (
            <button
              key={s}
              id={`admin-tab-${s}`}
              type="button"
              role="tab"
              aria-selected={s === section}
              aria-controls="admin-section"
              tabIndex={s === section ? 0 : -1}
              className={`tab ${s === section ? 'tab-on' : ''}`}
              onClick={() => go(s)}
            >
              {t(`admin.nav.${s}`)}
            </button>
          ))}
        </nav>
        <div id="admin-section" role="tabpanel" aria-labelledby={`admin-tab-${section}`} className="admin-section">
          {section === 'menu' && <MenuPanel />}
          {section === 'modifiers' && <ModifierLibraryPanel />}
          {section === 'coupons' && <CouponsPanel />}
          {section === 'staff' && <StaffPanel />}
          {section === 'customers' && <CustomersPanel />}
          {section === 'devices' && <DevicesPanel />}
          {section === 'feedback' && <FeedbackPanel />}
          {section === 'tables' && <TablesPanel />}
          {section === 'printer' && <PrinterPanel />}
          {section === 'settings' && <SettingsPanel />}
          {section === 'audit' && <AuditPanel />}
        </div>
      </div>
    </Layout>
  );
}
