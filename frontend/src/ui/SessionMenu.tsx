import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { useSession } from '../api/hooks';

export function SessionMenu() {
  const { t } = useTranslation();
  const s = useSession();
  if (!s) return null;
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
