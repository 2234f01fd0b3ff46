import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { useSession } from '../../api/hooks';
import { Layout } from '../../ui';
import { homeFor } from './roles';

export function HomePage() {
  const { t } = useTranslation();
  const s = useSession();
  if (s) return <Navigate to={homeFor(s.role)} replace />;
  return (
    <Layout title={t('home.title')}>
      <nav className="launcher" aria-label={t('home.title')}>
        <Link className="btn btn-primary btn-xl" to="/counter">{t('home.counter')}</Link>
        <Link className="btn btn-secondary btn-xl" to="/kitchen">{t('home.kitchen')}</Link>
        <Link className="btn btn-secondary btn-xl" to="/kiosk">{t('home.kiosk')}</Link>
        <Link className="btn btn-secondary btn-xl" to="/pair">{t('home.pair')}</Link>
      </nav>
    </Layout>
  );
}
