import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLiveEvents } from '../../api/hooks';
import { useMenuEvents } from '../../ordering/useMenu';
import { Layout, SessionMenu, StatusBadge } from '../../ui';
import { DevicesPanel } from './DevicesPanel';
import { MenuPanel } from './MenuPanel';

export function AdminPage() {
  const { t } = useTranslation();
  const status = useLiveEvents(useMenuEvents());
  return (
    <Layout
      title={t('admin.title')}
      actions={
        <>
          <StatusBadge status={status} />
          <Link className="btn btn-ghost btn-md" to="/reports">{t('reports.title')}</Link>
          <Link className="btn btn-ghost btn-md" to="/counter">{t('home.counter')}</Link>
          <Link className="btn btn-ghost btn-md" to="/kitchen">{t('home.kitchen')}</Link>
          <SessionMenu />
        </>
      }
    >
      <div className="admin">
        <DevicesPanel />
        <MenuPanel />
      </div>
    </Layout>
  );
}
