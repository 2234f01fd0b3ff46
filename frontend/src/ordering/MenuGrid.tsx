import { useTranslation } from 'react-i18next';
import type { ItemView, MenuView } from '../api/types';
import { Money } from '../ui';
import { onlyOptionalChoices } from './cart';
import { usePictureBase } from './picture';

/**
 * Category tabs and a grid of big item buttons; sold-out items are marked and disabled.
 * With `onOptions`, an item whose choices are all optional gets a small options button
 * (its big button adds it plain).
 * `pictures`: `large` shows an item's picture above its name (kiosk), `thumb` a small one
 * beside it (counter); items without a picture show none.
 */
export function MenuGrid({
  menu,
  category,
  onCategory,
  onItem,
  onOptions,
  pictures,
}: {
  menu: MenuView;
  category: string | undefined;
  onCategory: (id: string) => void;
  onItem: (item: ItemView) => void;
  onOptions?: (item: ItemView) => void;
  pictures?: 'large' | 'thumb';
}) {
  const { t } = useTranslation();
  const base = usePictureBase();
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
        {current?.items.map((item) => {
          const options = onOptions && item.available && onlyOptionalChoices(item);
          const picture = base === null ? null : pictures === 'large' ? item.image_url : pictures === 'thumb' ? item.image_thumb_url : null;
          return (
            <div key={item.id} className={`item-tile ${options ? 'has-options' : ''}`}>
              <button
                type="button"
                className={`item-card ${item.available ? '' : 'sold-out'} ${picture ? `with-${pictures}` : ''}`}
                disabled={!item.available}
                onClick={() => onItem(item)}
                data-testid="menu-item"
                data-item-id={item.id}
                data-item-name={item.name}
                data-quick-add={options ? 'true' : undefined}
              >
                {picture && pictures === 'large' && (
                  // A fixed 4:3 frame: the grid does not move while pictures load.
                  <img className="item-picture" src={base + picture} alt={t('menu.pictureOf', { name: item.name })} loading="lazy" decoding="async" width={480} height={360} data-testid="item-picture" />
                )}
                {picture && pictures === 'thumb' && (
                  // Beside the name, which says it all: decorative for a screen reader.
                  <img className="item-thumb" src={base + picture} alt="" loading="lazy" decoding="async" width={48} height={48} data-testid="item-thumb" />
                )}
                <span className="item-name">{item.name}</span>
                {item.description && <span className="item-desc">{item.description}</span>}
                {/* Price and "sold out" share a wrapping row, so the badge never covers the price. */}
                <span className="item-foot">
                  <span className="item-price">
                    <Money value={item.price} />
                  </span>
                  {!item.available && <span className="sold-out-badge">{t('menu.soldOut')}</span>}
                </span>
              </button>
              {options && (
                <button
                  type="button"
                  className="btn item-options"
                  onClick={() => onOptions(item)}
                  aria-label={t('menu.optionsFor', { name: item.name })}
                  title={t('menu.options')}
                  data-testid="item-options"
                >
                  ⋯
                </button>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
