import { useTranslation } from 'react-i18next';
import type { ItemView, MenuView } from '../api/types';
import { Money } from '../ui';

/** Category tabs and a grid of big item buttons; sold-out items are marked and disabled. */
export function MenuGrid({
  menu,
  category,
  onCategory,
  onItem,
}: {
  menu: MenuView;
  category: string | undefined;
  onCategory: (id: string) => void;
  onItem: (item: ItemView) => void;
}) {
  const { t } = useTranslation();
  const current = menu.categories.find((c) => c.id === category) ?? menu.categories[0];
  return (
    <div className="menu">
      <div className="category-tabs" role="tablist" aria-label={t('menu.categories')}>
        {menu.categories.map((c, i) => (
          <button
            key={c.id}
            type="button"
            role="tab"
            id={`tab-${c.id}`}
            aria-selected={c.id === current?.id}
            aria-controls="menu-items"
            className={`tab ${c.id === current?.id ? 'tab-on' : ''}`}
            onClick={() => onCategory(c.id)}
            data-testid="category-tab"
            data-category-name={c.name}
            title={i < 9 ? `Alt+${i + 1}` : undefined}
          >
            {c.name}
          </button>
        ))}
      </div>
      <div className="item-grid" id="menu-items" role="tabpanel" aria-labelledby={current ? `tab-${current.id}` : undefined}>
        {current?.items.map((item) => (
          <button
            key={item.id}
            type="button"
            className={`item-card ${item.available ? '' : 'sold-out'}`}
            disabled={!item.available}
            onClick={() => onItem(item)}
            data-testid="menu-item"
            data-item-id={item.id}
            data-item-name={item.name}
          >
            <span className="item-name">{item.name}</span>
            {item.description && <span className="item-desc">{item.description}</span>}
            <span className="item-price">
              <Money value={item.price} />
            </span>
            {!item.available && <span className="sold-out-badge">{t('menu.soldOut')}</span>}
          </button>
        ))}
      </div>
    </div>
  );
}
