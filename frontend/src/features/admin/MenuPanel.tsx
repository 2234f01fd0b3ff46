import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CategoryInfo, ItemView } from '../../api';
import { useMenu } from '../../api/queries/get-menu';
import { Button, Dialog, Money, useToast } from '../../ui';
import { useCategories } from './api/get-categories';
import { useCreateCategory } from './api/create-category';
import { useDeleteCategory } from './api/delete-category';
import { useReorderCategories } from './api/reorder-categories';
import { useUpdateCategory } from './api/update-category';
import { useDeleteItem } from './api/delete-item';
import { useReorderItems } from './api/reorder-items';
import { useUpdateItem } from './api/update-item';
import { useErrorText } from './errors';
import { CategoryStation } from './CategoryStation';
import { ItemDialog } from './ItemDialog';
import { moved } from './lib/reorder';

type Editing = { item: ItemView | null; categoryId: string } | null;

/** Categories and their items: add, rename, reorder, delete; items through a dialog. */
export function MenuPanel() {
  const { t } = useTranslation();
  const categories = useCategories();
  const menu = useMenu().data;
  const [name, setName] = useState('');
  const [editing, setEditing] = useState<Editing>(null);
  const create = useCreateCategory();
  const reorder = useReorderCategories();
  const errorText = useErrorText();
  const list = categories.data ?? [];
  const stations = [...new Set(list.flatMap((c) => (c.station ? [c.station] : [])))].sort();
  const itemsOf = (id: string) => menu?.categories.find((c) => c.id === id)?.items ?? [];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return;
    create.mutate({ name: name.trim() }, { onSuccess: () => setName('') });
  };
  return (
    <section className="panel" aria-labelledby="menu-h">
      <h2 id="menu-h">{t('admin.menu.title')}</h2>
      <form className="row" onSubmit={submit}>
        <label className="field grow">
          <span>{t('admin.menu.newCategory')}</span>
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={60} />
        </label>
        <Button type="submit" variant="primary" className="align-end" disabled={!name.trim() || create.isPending}>
          {t('admin.menu.addCategory')}
        </Button>
      </form>
      {create.isError && <p className="notice notice-error" role="alert">{errorText(create.error)}</p>}
      {reorder.isError && <p className="notice notice-error" role="alert">{errorText(reorder.error)}</p>}
      {list.map((c, i) => (
        <CategoryBlock
          key={c.id}
          category={c}
          stations={stations}
          items={itemsOf(c.id)}
          first={i === 0}
          last={i === list.length - 1}
          onMove={(by) => reorder.mutate(moved(list, i, by))}
          onAddItem={() => setEditing({ item: null, categoryId: c.id })}
          onEditItem={(item) => setEditing({ item, categoryId: c.id })}
        />
      ))}
      {editing && (
        <ItemDialog
          item={editing.item}
          categoryId={editing.categoryId}
          categories={list}
          onClose={() => setEditing(null)}
        />
      )}
    </section>
  );
}

function CategoryBlock({
  category,
  items,
  first,
  last,
  onMove,
  onAddItem,
  onEditItem,
  stations,
}: {
  stations: string[];
  category: CategoryInfo;
  items: ItemView[];
  first: boolean;
  last: boolean;
  onMove: (by: -1 | 1) => void;
  onAddItem: () => void;
  onEditItem: (i: ItemView) => void;
}) {
  const { t } = useTranslation();
  const [renaming, setRenaming] = useState<string | null>(null);
  const update = useUpdateCategory();
  const del = useDeleteCategory();
  const reorderItems = useReorderItems();
  const errorText = useErrorText();
  const n = category.name;
  const rename = (e: FormEvent) => {
    e.preventDefault();
    if (!renaming?.trim()) return;
    update.mutate({ id: category.id, patch: { name: renaming.trim() } }, { onSuccess: () => setRenaming(null) });
  };
  const error = update.error ?? del.error ?? reorderItems.error;
  return (
    <div className="admin-category" data-testid="admin-category" data-category-id={category.id}>
      <div className="row wrap admin-category-head">
        {renaming === null ? (
          <h3 className="grow">
            {n} <span className="hint">{t('admin.menu.itemCount', { count: category.items })}</span>
          </h3>
        ) : (
          <form className="row grow" onSubmit={rename}>
            <label className="field grow">
              <span className="sr-only">{t('admin.menu.renameCategory', { name: n })}</span>
              <input value={renaming} onChange={(e) => setRenaming(e.target.value)} maxLength={60} autoFocus />
            </label>
            <Button type="submit" variant="primary" disabled={update.isPending}>{t('admin.save')}</Button>
            <Button onClick={() => setRenaming(null)}>{t('common.cancel')}</Button>
          </form>
        )}
        {renaming === null && (
          <Button variant="ghost" onClick={() => setRenaming(n)} aria-label={t('admin.renameNamed', { name: n })}>
            {t('admin.rename')}
          </Button>
        )}
        <Button variant="ghost" disabled={first} onClick={() => onMove(-1)} aria-label={t('admin.moveUp', { name: n })}>↑</Button>
        <Button variant="ghost" disabled={last} onClick={() => onMove(1)} aria-label={t('admin.moveDown', { name: n })}>↓</Button>
        <Button variant="danger" disabled={del.isPending} onClick={() => del.mutate(category.id)} aria-label={t('admin.deleteNamed', { name: n })}>
          {t('admin.delete')}
        </Button>
        <Button variant="primary" onClick={onAddItem} aria-label={t('admin.menu.addItemTo', { name: n })}>
          {t('admin.menu.addItem')}
        </Button>
      </div>
      <CategoryStation key={category.station ?? ''} category={category} known={stations} />
      {error && <p className="notice notice-error" role="alert" data-testid="category-error">{errorText(error)}</p>}
      <ul className="admin-items">
        {items.map((item, i) => (
          <ItemRow
            key={item.id}
            item={item}
            first={i === 0}
            last={i === items.length - 1}
            onMove={(by) => reorderItems.mutate(moved(items, i, by).map((x) => x.id))}
            onEdit={() => onEditItem(item)}
          />
        ))}
      </ul>
    </div>
  );
}

function ItemRow({
  item,
  first,
  last,
  onMove,
  onEdit,
}: {
  item: ItemView;
  first: boolean;
  last: boolean;
  onMove: (by: -1 | 1) => void;
  onEdit: () => void;
}) {
  const { t } = useTranslation();
  const toast = useToast();
  const errorText = useErrorText();
  const update = useUpdateItem();
  const del = useDeleteItem();
  const [confirming, setConfirming] = useState(false);
  const n = item.name;
  const onError = (e: unknown) => toast(errorText(e), 'error');
  return (
    <li className="admin-item" data-testid="admin-item" data-item-id={item.id}>
      <span className="grow">
        <strong>{n}</strong>
        {item.modifier_groups.length > 0 && (
          <span className="hint"> · {t('admin.menu.groupCount', { count: item.modifier_groups.length })}</span>
        )}
      </span>
      <Money value={item.price} />
      <Button
        variant={item.available ? 'secondary' : 'danger'}
        role="switch"
        aria-checked={item.available}
        disabled={update.isPending}
        onClick={() => update.mutate({ id: item.id, patch: { available: !item.available } }, { onError })}
        aria-label={t('admin.availableFor', { name: n })}
      >
        {item.available ? t('admin.available') : t('menu.soldOut')}
      </Button>
      <Button variant="ghost" disabled={first} onClick={() => onMove(-1)} aria-label={t('admin.moveUp', { name: n })}>↑</Button>
      <Button variant="ghost" disabled={last} onClick={() => onMove(1)} aria-label={t('admin.moveDown', { name: n })}>↓</Button>
      <Button onClick={onEdit} aria-label={t('admin.editNamed', { name: n })}>{t('admin.edit')}</Button>
      <Button variant="danger" onClick={() => setConfirming(true)} aria-label={t('admin.deleteNamed', { name: n })}>
        {t('admin.delete')}
      </Button>
      <Dialog
        open={confirming}
        title={t('admin.menu.confirmDeleteTitle', { name: n })}
        onClose={() => setConfirming(false)}
        footer={
          <>
            <Button onClick={() => setConfirming(false)}>{t('common.cancel')}</Button>
            <Button
              variant="danger"
              data-testid="confirm-delete"
              disabled={del.isPending}
              onClick={() => del.mutate(item.id, { onSuccess: () => setConfirming(false), onError })}
            >
              {t('admin.delete')}
            </Button>
          </>
        }
      >
        <p>{t('admin.menu.confirmDelete', { name: n })}</p>
      </Dialog>
    </li>
  );
}
