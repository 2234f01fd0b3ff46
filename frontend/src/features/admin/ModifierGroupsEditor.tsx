import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LibraryGroupView } from '../../api';
import { Button, useFormatMoney } from '../../ui';
import { GroupFields } from './GroupFields';
import { libraryDraft, newGroup, type DraftProblem, type GroupDraft } from './lib/modifier-draft';

/**
 * An item's groups, saved with the item (PUT modifier-groups): its own groups with min/max and
 * options, and shared groups of the library, attached by name and changed only in the library.
 */
export function ModifierGroupsEditor({
  groups,
  onChange,
  problems,
  currency,
  digits,
  locale,
  library,
}: {
  groups: GroupDraft[];
  onChange: (g: GroupDraft[]) => void;
  problems: DraftProblem[];
  currency: string;
  digits: number;
  locale: string;
  /** The library's groups that may be attached. */
  library: LibraryGroupView[];
}) {
  const { t } = useTranslation();
  const fmt = useFormatMoney();
  const [pick, setPick] = useState('');
  const setGroup = (gi: number, patch: Partial<GroupDraft>) => onChange(groups.map((g, i) => (i === gi ? { ...g, ...patch } : g)));
  const remove = (gi: number) => onChange(groups.filter((_, i) => i !== gi));
  const attachable = library.filter((l) => !groups.some((g) => g.libraryId === l.id));
  const attach = () => {
    const l = attachable.find((x) => x.id === pick) ?? attachable[0];
    if (!l) return;
    onChange([...groups, libraryDraft(l, digits, locale)]);
    setPick('');
  };
  return (
    <div className="stack" data-testid="modifier-editor">
      <div className="row wrap">
        <h3 className="grow">{t('admin.groups.title')}</h3>
        <Button onClick={() => onChange([...groups, newGroup()])}>{t('admin.groups.addGroup')}</Button>
      </div>
      {attachable.length > 0 && (
        <div className="row wrap">
          <label className="field grow">
            <span>{t('admin.library.attachLabel')}</span>
            <select value={pick || attachable[0]!.id} onChange={(e) => setPick(e.target.value)} data-testid="library-pick">
              {attachable.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </select>
          </label>
          <Button className="align-end" onClick={attach} data-testid="library-attach">
            {t('admin.library.attach')}
          </Button>
        </div>
      )}
      {groups.length === 0 && <p className="hint">{t('admin.groups.none')}</p>}
      {groups.map((g, gi) =>
        g.libraryId ? (
          <fieldset key={g.key} className="modifier-group" data-testid="library-group" data-group-name={g.name}>
            <legend>
              {g.name} <span className="pill">{t('admin.library.shared')}</span>
            </legend>
            <div className="row wrap">
              <p className="grow hint">
                {library
                  .find((l) => l.id === g.libraryId)
                  ?.options.map((o) => (o.price_delta.amount ? `${o.name} +${fmt(o.price_delta)}` : o.name))
                  .join(', ') ?? g.options.map((o) => o.name).join(', ')}
              </p>
              <Button variant="danger" onClick={() => remove(gi)} aria-label={t('admin.library.detach', { name: g.name })}>
                {t('admin.remove')}
              </Button>
            </div>
            <p className="hint">{t('admin.library.editThere')}</p>
          </fieldset>
        ) : (
          <GroupFields
            key={g.key}
            group={g}
            index={gi}
            onChange={(patch) => setGroup(gi, patch)}
            onRemove={() => remove(gi)}
            problems={problems}
            currency={currency}
          />
        ),
      )}
    </div>
  );
}
