import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CategoryInfo } from '../../api';
import { Button } from '../../ui';
import { useUpdateCategory } from './api/update-category';

/** A station's name as the server takes it: 1 to 32 of a-z, 0-9, - and _ (blank: every board). */
export const STATION = /^[a-z0-9_-]{1,32}$/;

/**
 * Which kitchen station a category's lines go to (e.g. `bar`): its board is
 * `/kitchen?station=bar`, its tickets print on that station's printer. Blank: every board.
 */
export function CategoryStation({ category, known }: { category: CategoryInfo; known: string[] }) {
  const { t } = useTranslation();
  const update = useUpdateCategory();
  const [value, setValue] = useState(category.station ?? '');
  const trimmed = value.trim();
  const invalid = trimmed !== '' && !STATION.test(trimmed);
  const changed = trimmed !== (category.station ?? '');
  const listId = `stations-${category.id}`;
  const save = (e: FormEvent) => {
    e.preventDefault();
    if (invalid || !changed) return;
    update.mutate({ id: category.id, patch: { station: trimmed } });
  };
  return (
    <form className="row category-station" onSubmit={save}>
      <label className="field">
        <span>{t('admin.menu.station')}</span>
        <input
          value={value}
          onChange={(e) => setValue(e.target.value.toLowerCase())}
          list={listId}
          maxLength={32}
          placeholder={t('admin.menu.stationNone')}
          aria-invalid={invalid}
          aria-describedby={`${listId}-hint`}
          data-testid="category-station"
        />
        <datalist id={listId}>
          {known.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
        <span id={`${listId}-hint`} className={invalid ? 'field-error' : 'hint'}>
          {invalid ? t('admin.menu.stationInvalid') : t('admin.menu.stationHint')}
        </span>
      </label>
      {changed && (
        <Button type="submit" variant="primary" disabled={invalid || update.isPending} data-testid="category-station-save">
          {t('admin.save')}
        </Button>
      )}
    </form>
  );
}
