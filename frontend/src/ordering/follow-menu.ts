import { useEffect, type Dispatch, type SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import type { MenuView } from '../api';
import { useToast } from '../ui';
import { itemIndex, reconcileWithMenu, type Cart } from './cart';

/** Keeps a cart in step with the menu as it changes: sold-out lines leave it (with a toast), prices update in place. */
export function useCartFollowsMenu(menu: MenuView | undefined, setCart: Dispatch<SetStateAction<Cart>>): void {
  const { t } = useTranslation();
  const toast = useToast();
  useEffect(() => {
    if (!menu) return;
    setCart((c) => {
      const { cart: next, removed } = reconcileWithMenu(c, itemIndex(menu));
      for (const l of removed) toast(t('kiosk.removedSoldOut', { name: l.name }), 'error');
      return removed.length === 0 && next.every((l, i) => l.unitAmount === c[i]?.unitAmount && l.name === c[i]?.name) ? c : next;
    });
  }, [menu, setCart, toast, t]);
}
