import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api';
import { Button, useApiErrorText, useToast } from '../../ui';
import { useImportMenu, useMasterMenu, useMenuVersions, usePublishMenu } from './api/menu';
import { useShops } from './api/reports';
import { HqLayout } from './HqLayout';
import { HQ_ERRORS } from './i18n';
import { MenuDraft } from './MenuDraft';
import { MenuRollout } from './MenuRollout';
import { useFormatTime } from './ShopTables';

/**
 * The master menu: take a shop's menu as the draft, look it over, publish it to every shop,
 * and see which shop runs which version.
 */
export function MenuPage() {
  const { t } = useTranslation();
  const errorText = useApiErrorText(HQ_ERRORS);
  const toast = useToast();
  const time = useFormatTime();
  const menu = useMasterMenu();
  const shops = useShops();
  const versions = useMenuVersions(menu.isSuccess);
  const importMenu = useImportMenu();
  const publish = usePublishMenu();
  const [picked, setPicked] = useState('');
  const shopList = shops.data?.shops ?? [];
  const shopId = picked || shopList[0]?.id || '';
  // A head office without the menu roll-out answers its paths with 404.
  const unavailable = menu.error instanceof ApiError && menu.error.status === 404;
  const m = menu.data;

  const doImport = () =>
    importMenu.mutate(shopId, {
      onSuccess: (s) => toast(t('hq.menuPage.imported', { shop: s.draft_source?.name ?? '' }), 'success'),
      onError: (e) => toast(errorText(e), 'error'),
    });
  const doPublish = () =>
    publish.mutate(undefined, {
      onSuccess: (p) => toast(t('hq.menuPage.published', { version: p.version }), 'success'),
      onError: (e) => toast(errorText(e), 'error'),
    });

  return (
    <HqLayout title={t('hq.menuPage.title')}>
      {unavailable && (
        <p className="notice notice-warn" role="status" data-testid="hq-menu-unavailable">
          {t('hq.menuPage.unavailable')}
        </p>
      )}
      {menu.isError && !unavailable && (
        <p className="notice notice-error" role="alert">
          {errorText(menu.error)}
        </p>
      )}
      {m && (
        <div className="hq-menu">
          <div className="hq-menu-side">
            <section className="panel" aria-labelledby="hq-import">
              <h2 id="hq-import">{t('hq.menuPage.importTitle')}</h2>
              <p className="hq-muted">{t('hq.menuPage.importHint')}</p>
              <label className="field">
                <span>{t('hq.menuPage.shop')}</span>
                <select value={shopId} onChange={(e) => setPicked(e.target.value)} data-testid="menu-import-shop">
                  {shopList.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </select>
              </label>
              <Button onClick={doImport} disabled={!shopId || importMenu.isPending} data-testid="menu-import">
                {t('hq.menuPage.import')}
              </Button>
            </section>
            <section className="panel" aria-labelledby="hq-publish">
              <h2 id="hq-publish">{t('hq.menuPage.publishTitle')}</h2>
              <p data-testid="menu-published">
                {m.published ? t('hq.menuPage.current', { version: m.published.version, time: time(m.published.published_at, '') }) : t('hq.menuPage.notPublished')}
              </p>
              {m.draft && (
                <p>
                  <span className={`hq-badge ${m.unpublished_changes ? 'hq-badge-warn' : 'hq-badge-ok'}`} data-testid="menu-state">
                    {t(m.unpublished_changes ? 'hq.menuPage.unpublished' : 'hq.menuPage.upToDate')}
                  </span>
                </p>
              )}
              <Button variant="primary" size="lg" onClick={doPublish} disabled={!m.draft || !m.unpublished_changes || publish.isPending} data-testid="menu-publish">
                {t('hq.menuPage.publish')}
              </Button>
            </section>
            {versions.data && <MenuRollout versions={versions.data} />}
          </div>
          <section className="panel" aria-labelledby="hq-draft">
            <h2 id="hq-draft">{t('hq.menuPage.draft')}</h2>
            {m.draft ? (
              <>
                {m.draft_source && (
                  <p className="hq-muted" data-testid="menu-source">
                    {t('hq.menuPage.source', { shop: m.draft_source.name, time: time(m.draft_updated_at, '') })}
                  </p>
                )}
                <MenuDraft menu={m.draft} />
              </>
            ) : (
              <p className="hq-muted">{t('hq.menuPage.noDraft')}</p>
            )}
          </section>
        </div>
      )}
    </HqLayout>
  );
}
