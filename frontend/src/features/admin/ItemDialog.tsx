import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CategoryInfo, ItemPatch, ItemView, LibraryGroupView } from '../../api';
import { useMenu } from '../../api/queries/get-menu';
import { Button, Dialog, formatBps, formatDecimal, minorDigits, parseDecimal, type DecimalError } from '../../ui';
import { useCreateItem } from './api/create-item';
import { useModifierGroups } from './api/get-modifier-groups';
import { useSettings } from '../../api/queries/get-settings';
import { useUpdateItem } from './api/update-item';
import { useErrorText } from './errors';
import { sameNamedItem } from './lib/duplicate-name';
import { draftsToGroups, groupsToDrafts, viewsToGroups, type DraftProblem, type GroupDraft } from './lib/modifier-draft';
import { ModifierGroupsEditor } from './ModifierGroupsEditor';
import { ItemPicture } from './ItemPicture';

interface ItemDialogProps {
  item: ItemView | null;
  categoryId: string;
  categories: CategoryInfo[];
  onClose: () => void;
}

/**
 * Add or edit one item: name, description, price (typed as a decimal), availability, groups.
 * Opens once the library of shared groups is known, so an attached one is never taken for the item's own.
 */
export function ItemDialog(props: ItemDialogProps) {
  const { t } = useTranslation();
  const library = useModifierGroups();
  const errorText = useErrorText();
  if (library.data) return <ItemForm {...props} library={library.data} />;
  return (
    <Dialog open title={props.item ? t('admin.item.editTitle', { name: props.item.name }) : t('admin.item.newTitle')} onClose={props.onClose}>
      {library.error ? <p className="notice notice-error" role="alert">{errorText(library.error)}</p> : <p className="hint">{t('common.loading')}</p>}
    </Dialog>
  );
}

function ItemForm({ item, categoryId, categories, onClose, library }: ItemDialogProps & { library: LibraryGroupView[] }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const settings = useSettings().data;
  const currency = item?.price.currency ?? settings?.currency ?? 'EUR';
  const digits = minorDigits(currency);
  const [name, setName] = useState(item?.name ?? '');
  const [description, setDescription] = useState(item?.description ?? '');
  const [price, setPrice] = useState(item ? formatDecimal(item.price.amount, digits, locale) : '');
  const [available, setAvailable] = useState(item?.available ?? true);
  const [local, setLocal] = useState(item?.local ?? false);
  const [featured, setFeatured] = useState(item?.featured ?? false);
  const [prep, setPrep] = useState(String(item?.prep_minutes ?? 3));
  const prepMinutes = /^\d{1,3}$/.test(prep.trim()) && Number(prep) <= 180 ? Number(prep) : null;
  const [category, setCategory] = useState(categoryId);
  const [taxClass, setTaxClass] = useState(item?.tax_class ?? 'standard');
  const taxClasses = settings?.tax_classes ?? [];
  const [libraryIds] = useState(() => new Set(library.map((l) => l.id)));
  const [groups, setGroups] = useState<GroupDraft[]>(() => groupsToDrafts(item?.modifier_groups ?? [], digits, locale, libraryIds));
  const [priceError, setPriceError] = useState<DecimalError | null>(null);
  const [nameError, setNameError] = useState(false);
  const [problems, setProblems] = useState<DraftProblem[]>([]);
  // Another item with this name: said before saving, and saved only when asked again.
  const menu = useMenu().data;
  const twin = sameNamedItem(menu, name, item?.id);
  const [twinSeen, setTwinSeen] = useState<string | null>(null);
  const create = useCreateItem();
  const update = useUpdateItem();
  const errorText = useErrorText();
  const busy = create.isPending || update.isPending;
  const failed = create.error ?? update.error;

  const save = (e?: FormEvent) => {
    e?.preventDefault();
    const p = parseDecimal(price, { digits, locale });
    const g = draftsToGroups(groups, currency, digits, locale);
    setPriceError(p.ok ? null : p.error);
    setNameError(!name.trim());
    setProblems(g.ok ? [] : g.problems);
    if (!p.ok || !g.ok || !name.trim() || prepMinutes === null) return;
    if (twin && twinSeen !== name.trim().toLowerCase()) {
      setTwinSeen(name.trim().toLowerCase());
      return;
    }
    const money = { amount: p.value, currency };
    if (!item) {
      create.mutate(
        { category_id: category, name: name.trim(), description: description.trim(), price: money, available, tax_class: taxClass, local, featured, prep_minutes: prepMinutes, modifier_groups: g.groups },
        { onSuccess: onClose },
      );
      return;
    }
    const patch: ItemPatch = {};
    if (name.trim() !== item.name) patch.name = name.trim();
    if (description.trim() !== item.description) patch.description = description.trim();
    if (p.value !== item.price.amount) patch.price = money;
    if (available !== item.available) patch.available = available;
    if (local !== item.local) patch.local = local;
    if (featured !== item.featured) patch.featured = featured;
    if (prepMinutes !== item.prep_minutes) patch.prep_minutes = prepMinutes;
    if (category !== categoryId) patch.category_id = category;
    if (taxClass !== item.tax_class) patch.tax_class = taxClass;
    const groupsChanged = JSON.stringify(g.groups) !== JSON.stringify(viewsToGroups(item.modifier_groups, libraryIds));
    update.mutate({ id: item.id, patch, groups: groupsChanged ? g.groups : undefined }, { onSuccess: onClose });
  };

  return (
    <Dialog
      open
      wide
      title={item ? t('admin.item.editTitle', { name: item.name }) : t('admin.item.newTitle')}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button variant="primary" data-testid="item-save" disabled={busy} onClick={() => save()}>
            {twin && twinSeen === name.trim().toLowerCase() ? t('admin.item.saveAnyway') : t('admin.save')}
          </Button>
        </>
      }
    >
      <form className="stack" onSubmit={save} noValidate>
        <div className="row wrap">
          <label className="field grow">
            <span>{t('admin.item.name')}</span>
            <input value={name} onChange={(e) => setName(e.target.value)} maxLength={80} aria-invalid={nameError} />
            {nameError && <span className="field-error">{t('admin.item.nameRequired')}</span>}
            {twin && (
              <span className={twinSeen === name.trim().toLowerCase() ? 'field-error' : 'hint'} role="status" data-testid="item-duplicate">
                {t('admin.item.duplicate', { name: twin.name, category: twin.category })}
              </span>
            )}
          </label>
          <label className="field narrow">
            <span>{t('admin.item.price', { currency })}</span>
            <input
              value={price}
              onChange={(e) => setPrice(e.target.value)}
              inputMode="decimal"
              placeholder={formatDecimal(450, digits, locale)}
              aria-invalid={priceError !== null}
            />
            {priceError && <span className="field-error">{t(`admin.decimal.${priceError}`)}</span>}
          </label>
        </div>
        <label className="field">
          <span>{t('admin.item.description')}</span>
          <textarea value={description} onChange={(e) => setDescription(e.target.value)} maxLength={500} rows={2} />
        </label>
        <ItemPicture item={item} />
        <div className="row wrap">
          <label className="field grow">
            <span>{t('admin.item.category')}</span>
            <select value={category} onChange={(e) => setCategory(e.target.value)}>
              {categories.map((c) => (
                <option key={c.id} value={c.id}>{c.name}</option>
              ))}
            </select>
          </label>
          <label className="field grow">
            <span>{t('admin.item.taxClass')}</span>
            <select value={taxClass} onChange={(e) => setTaxClass(e.target.value)} data-testid="item-tax-class">
              {taxClasses.map((c) => (
                <option key={c.id} value={c.id}>
                  {t('admin.item.taxClassOption', { name: c.name, eatIn: formatBps(c.eat_in_bps, locale), takeaway: formatBps(c.takeaway_bps, locale) })}
                </option>
              ))}
              {!taxClasses.some((c) => c.id === taxClass) && <option value={taxClass}>{taxClass}</option>}
            </select>
          </label>
          <label className="check">
            <input type="checkbox" checked={available} onChange={(e) => setAvailable(e.target.checked)} />
            <span>{t('admin.available')}</span>
          </label>
          <label className="check">
            <input type="checkbox" checked={local} onChange={(e) => setLocal(e.target.checked)} data-testid="item-local" />
            <span>{t('admin.local_item')}</span>
          </label>
        </div>
        <div className="row wrap">
          <label className="field narrow">
            <span>{t('admin.item.prepMinutes')}</span>
            <input value={prep} onChange={(e) => setPrep(e.target.value)} inputMode="numeric" aria-invalid={prepMinutes === null} data-testid="item-prep" />
            <span className={prepMinutes === null ? 'field-error' : 'hint'}>{t(prepMinutes === null ? 'admin.item.prepInvalid' : 'admin.item.prepHint')}</span>
          </label>
          <label className="check">
            <input type="checkbox" checked={featured} onChange={(e) => setFeatured(e.target.checked)} data-testid="item-featured" />
            <span>{t('admin.item.featured')}</span>
          </label>
        </div>
        <ModifierGroupsEditor
          groups={groups}
          onChange={setGroups}
          problems={problems}
          currency={currency}
          digits={digits}
          locale={locale}
          library={library}
        />
        {failed && <p className="notice notice-error" role="alert">{errorText(failed)}</p>}
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}
