import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { useSession } from '../api/hooks';

export function SessionMenu() {
  const { t } = useTranslation();
  const s = useSession();
  if (!s) return null;
  // A paired tablet stays signed in: customers must not be able to unpair it (admins revoke devices).
  if (s.role === 'kiosk') return <span className="who">{t('roles.kiosk')}</span>;
  return (
    <>
      <span className="who">
        {s.name ? `${s.name} · ` : ''}
        {t(`roles.${s.role}`)}
      </span>
      <button type="button" className="btn btn-ghost btn-md" onClick={() => void api.logout()}>
        {t('auth.signOut')}
      </button>
    </>
  );
}
