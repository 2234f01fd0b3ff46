import { useTranslation } from 'react-i18next';
import { useSession } from '../api/hooks';
import { useLogout } from '../api/queries/logout';

export function SessionMenu() {
  const { t } = useTranslation();
  const s = useSession();
  const logout = useLogout();
  if (!s) return null;
  // A paired tablet stays signed in: customers must not be able to unpair it (admins revoke devices).
  if (s.role === 'kiosk') return <span className="who">{t('roles.kiosk')}</span>;
  return (
    <>
      {/* Who is signed in, always in sight (on narrow screens the name alone). */}
      <span className="who" data-testid="who" title={s.name ? `${s.name} · ${t(`roles.${s.role}`)}` : undefined}>
        {s.name ? (
          <>
            <span className="who-name">{s.name}</span>
            <span className="who-role"> · {t(`roles.${s.role}`)}</span>
          </>
        ) : (
          t(`roles.${s.role}`)
        )}
      </span>
      <button type="button" className="btn btn-ghost btn-md" onClick={() => logout.mutate()}>
        {t('auth.signOut')}
      </button>
    </>
  );
}
