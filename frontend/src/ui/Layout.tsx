import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { StreamStatus } from '../api';

export function StatusBadge({ status }: { status: StreamStatus | undefined }) {
  const { t } = useTranslation();
  if (!status || status === 'unavailable') return null;
  return (
    <span className={`badge badge-${status}`} data-testid="stream-status" data-status={status}>
      {t(`status.stream.${status}`)}
    </span>
  );
}

export function LanguageSwitch() {
  const { i18n, t } = useTranslation();
  const next = i18n.language.startsWith('de') ? 'en' : 'de';
  return (
    <button
      type="button"
      className="btn btn-ghost btn-md"
      onClick={() => void i18n.changeLanguage(next)}
      lang={next}
    >
      {t('common.switchLanguage')}
    </button>
  );
}

/** Top bar + main area; every screen uses it so landmarks and headings are consistent. */
export function Layout({
  title,
  actions,
  children,
  className = '',
}: {
  title: string;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  const { t } = useTranslation();
  return (
    <div className={`layout ${className}`}>
      <header className="topbar">
        <span className="brand" aria-hidden="true">
          ☕ {t('app.name')}
        </span>
        <h1 className="topbar-title">{title}</h1>
        <div className="topbar-actions">
          {actions}
          <LanguageSwitch />
        </div>
      </header>
      <main className="main">{children}</main>
    </div>
  );
}
