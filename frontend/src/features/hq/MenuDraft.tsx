import { useTranslation } from 'react-i18next';
import { Money } from '../../ui';
import type { MasterMenu } from './api/types';

/** The draft's categories and items, with their prices, as the shops will get them. */
export function MenuDraft({ menu }: { menu: MasterMenu }) {
  const { t } = useTranslation();
  const categories = [...menu.categories].sort((a, b) => (a.sort_order ?? 0) - (b.sort_order ?? 0));
  return (
    <div data-testid="menu-draft">
      {categories.map((c) => (
        <div key={c.id} className="hq-menu-category">
          <h3>{c.name}</h3>
          {c.items.length === 0 ? (
            <p className="hq-muted">{t('hq.menuPage.emptyCategory')}</p>
          ) : (
            <table className="admin-table cards">
              <thead>
                <tr>
                  <th scope="col">{t('hq.menuPage.item')}</th>
                  <th scope="col" className="num">{t('hq.menuPage.price')}</th>
                  <th scope="col">{t('hq.menuPage.taxClass')}</th>
                  <th scope="col" className="num">{t('hq.menuPage.options')}</th>
                </tr>
              </thead>
              <tbody>
                {[...c.items]
                  .sort((a, b) => (a.sort_order ?? 0) - (b.sort_order ?? 0))
                  .map((i) => (
                    <tr key={i.id} data-testid="menu-draft-item">
                      <th scope="row">
                        {i.name}
                        {i.description && <div className="hq-muted">{i.description}</div>}
                      </th>
                      <td className="num" data-label={t('hq.menuPage.price')}>
                        <Money value={i.price} />
                      </td>
                      <td data-label={t('hq.menuPage.taxClass')}>{i.tax_class}</td>
                      <td className="num" data-label={t('hq.menuPage.options')}>
                        {i.modifier_groups?.length ?? 0}
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          )}
        </div>
      ))}
    </div>
  );
}
