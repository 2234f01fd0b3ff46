import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type ItemView } from '../../api';
import { menuKey, useMenu } from '../../ordering/useMenu';
import { Button, Money, digitsToMinor, useToast } from '../../ui';

/** Quick menu edits: availability and price; tablets and the board follow at once. */
export function MenuPanel() {
  const { t } = useTranslation();
  const menu = useMenu().data;
  return (
    <section className="panel" aria-labelledby="menu-h">
      <h2 id="menu-h">{t('admin.menu')}</h2>
      {menu?.categories.map((c) => (
        <div key={c.id} className="admin-category">
          <h3>{c.name}</h3>
          <ul className="admin-items">
            {c.items.map((i) => (
              <ItemRow key={i.id} item={i} />
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

function ItemRow({ item }: { item: ItemView }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const toast = useToast();
  const [price, setPrice] = useState(String(item.price.amount));
  const [busy, setBusy] = useState(false);
  const patch = async (p: Parameters<typeof api.patchItem>[1]) => {
    setBusy(true);
    try {
      await api.patchItem(item.id, p);
      await qc.invalidateQueries({ queryKey: menuKey });
    } catch (e) {
      toast(e instanceof ApiError ? e.message : String(e), 'error');
    } finally {
      setBusy(false);
    }
  };
  const cents = digitsToMinor(price.replace(/\D/g, ''));
  return (
    <li className="admin-item" data-testid="admin-item" data-item-id={item.id}>
      <span className="grow">{item.name}</span>
      <Money value={item.price} />
      <label className="field inline">
        <span className="sr-only">{t('admin.priceFor', { name: item.name })}</span>
        <input inputMode="numeric" value={price} onChange={(e) => setPrice(e.target.value)} aria-describedby={`cents-${item.id}`} />
      </label>
      <span id={`cents-${item.id}`} className="hint">
        {t('admin.inCents')}
      </span>
      <Button disabled={busy || cents === item.price.amount || cents <= 0} onClick={() => void patch({ price: { amount: cents, currency: item.price.currency } })}>
        {t('admin.setPrice')}
      </Button>
      <Button
        variant={item.available ? 'secondary' : 'danger'}
        role="switch"
        aria-checked={item.available}
        disabled={busy}
        onClick={() => void patch({ available: !item.available })}
        aria-label={t('admin.availableFor', { name: item.name })}
      >
        {item.available ? t('admin.available') : t('menu.soldOut')}
      </Button>
    </li>
  );
}
