import { useTranslation } from 'react-i18next';
import type { MenuVersions } from './api/types';
import { useFormatTime } from './ShopTables';

/** Which shop runs which published version, and the versions published. */
export function MenuRollout({ versions }: { versions: MenuVersions }) {
  const { t } = useTranslation();
  const time = useFormatTime();
  return (
    <>
      <section className="panel" aria-labelledby="hq-rollout">
        <h2 id="hq-rollout">{t('hq.menuPage.rollout')}</h2>
        <table className="admin-table cards" data-testid="menu-rollout">
          <thead>
            <tr>
              <th scope="col">{t('hq.menuPage.shop')}</th>
              <th scope="col" className="num">{t('hq.menuPage.version')}</th>
              <th scope="col">{t('hq.menuPage.appliedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {versions.shops.map((s) => (
              <tr key={s.shop_id} data-testid="rollout-row" data-shop={s.name}>
                <th scope="row">{s.name}</th>
                <td className="num" data-label={t('hq.menuPage.version')} data-testid="rollout-version">
                  {s.menu_version ?? '—'}
                </td>
                <td data-label={t('hq.menuPage.appliedAt')}>{time(s.menu_applied_at, t('hq.menuPage.notApplied'))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {versions.versions.length > 0 && (
        <section className="panel" aria-labelledby="hq-versions">
          <h2 id="hq-versions">{t('hq.menuPage.versions')}</h2>
          <table className="admin-table cards" data-testid="menu-versions">
            <thead>
              <tr>
                <th scope="col" className="num">{t('hq.menuPage.version')}</th>
                <th scope="col">{t('hq.menuPage.publishedAt')}</th>
                <th scope="col" className="num">{t('hq.menuPage.categories')}</th>
                <th scope="col" className="num">{t('hq.menuPage.items')}</th>
              </tr>
            </thead>
            <tbody>
              {versions.versions.map((v) => (
                <tr key={v.version}>
                  <th scope="row" className="num">{v.version}</th>
                  <td data-label={t('hq.menuPage.publishedAt')}>{time(v.published_at, '')}</td>
                  <td className="num" data-label={t('hq.menuPage.categories')}>{v.categories}</td>
                  <td className="num" data-label={t('hq.menuPage.items')}>{v.items}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}
