import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LibraryGroupView } from '../../api';
import { useSettings } from '../../api/queries/get-settings';
import { Button, Dialog, minorDigits, useFormatMoney } from '../../ui';
import { useDeleteModifierGroup } from './api/delete-modifier-group';
import { useModifierGroups } from './api/get-modifier-groups';
import { useSaveModifierGroup } from './api/save-modifier-group';
import { useErrorText } from './errors';
import { GroupFields } from './GroupFields';
import { draftToLibraryGroup, libraryToDraft, newGroup, type DraftProblem, type GroupDraft } from './lib/modifier-draft';

/**
 * The library of modifier groups: "Milk" (Whole / Oat +0.40 / …) defined once, attached to many
 * items in the item editor, changed here once for all of them.
 */
export function ModifierLibraryPanel() {
  const { t } = useTranslation();
  const groups = useModifierGroups();
  const fmt = useFormatMoney();
  const errorText = useErrorText();
  const del = useDeleteModifierGroup();
  const [editing, setEditing] = useState<LibraryGroupView | 'new' | null>(null);
  const [deleting, setDeleting] = useState<LibraryGroupView | null>(null);
  const closeDelete = () => {
    setDeleting(null);
    del.reset();
  };
  return (
    <section className="panel" aria-labelledby="library-h">
      <div className="row wrap">
        <h2 id="library-h" className="grow">{t('admin.library.title')}</h2>
        <Button variant="primary" onClick={() => setEditing('new')} data-testid="library-new">
          {t('admin.library.add')}
        </Button>
      </div>
      <p className="hint">{t('admin.library.intro')}</p>
      {groups.error && <p className="notice notice-error" role="alert">{errorText(groups.error)}</p>}
      {groups.data?.length === 0 && <p className="hint">{t('admin.library.none')}</p>}
      <ul className="library-list">
        {groups.data?.map((g) => (
          <li key={g.id} className="admin-category stack" data-testid="library-row" data-group-name={g.name}>
            <div className="row wrap">
              <h3 className="grow">{g.name}</h3>
              <span className="hint">{bounds(t, g)}</span>
              <Button onClick={() => setEditing(g)} aria-label={t('admin.editNamed', { name: g.name })}>
                {t('admin.edit')}
              </Button>
              <Button variant="danger" onClick={() => setDeleting(g)} aria-label={t('admin.deleteNamed', { name: g.name })}>
                {t('admin.delete')}
              </Button>
            </div>
            <p>{g.options.map((o) => (o.price_delta.amount ? `${o.name} +${fmt(o.price_delta)}` : o.name)).join(', ')}</p>
            <p className="hint" data-testid="library-used-by">
              {g.used_by.length ? t('admin.library.usedBy', { items: g.used_by.map((i) => i.name).join(', ') }) : t('admin.library.unused')}
            </p>
          </li>
        ))}
      </ul>
      {editing && <LibraryGroupDialog group={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      <Dialog
        open={deleting !== null}
        title={t('admin.deleteNamed', { name: deleting?.name ?? '' })}
        onClose={closeDelete}
        footer={
          <>
            <Button onClick={closeDelete}>{t('common.cancel')}</Button>
            <Button variant="danger" data-testid="confirm-delete" disabled={del.isPending} onClick={() => deleting && del.mutate(deleting.id, { onSuccess: closeDelete })}>
              {t('admin.delete')}
            </Button>
          </>
        }
      >
        <p>{t('admin.library.confirmDelete', { name: deleting?.name ?? '' })}</p>
        {del.error && <p className="notice notice-error" role="alert">{errorText(del.error)}</p>}
      </Dialog>
    </section>
  );
}

function bounds(t: (k: string, o?: Record<string, unknown>) => string, g: { min: number; max: number }): string {
  if (g.min > 0 && g.min === g.max) return t('modifiers.chooseExactly', { count: g.min });
  if (g.min > 0) return t('modifiers.chooseRange', { min: g.min, max: g.max });
  return t('modifiers.chooseUpTo', { count: g.max });
}

/** Add a library group, or change one for every item that has it. */
function LibraryGroupDialog({ group, onClose }: { group: LibraryGroupView | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const currency = useSettings().data?.currency ?? group?.options[0]?.price_delta.currency ?? 'EUR';
  const digits = minorDigits(currency);
  const [draft, setDraft] = useState<GroupDraft>(() => (group ? libraryToDraft(group, digits, locale) : newGroup()));
  const [problems, setProblems] = useState<DraftProblem[]>([]);
  const save = useSaveModifierGroup();
  const errorText = useErrorText();
  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    const r = draftToLibraryGroup(draft, currency, digits, locale);
    setProblems(r.ok ? [] : r.problems);
    if (r.ok) save.mutate({ id: group?.id, group: r.group }, { onSuccess: onClose });
  };
  return (
    <Dialog
      open
      wide
      title={group ? t('admin.library.editTitle', { name: group.name }) : t('admin.library.newTitle')}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button variant="primary" data-testid="library-save" disabled={save.isPending} onClick={() => submit()}>
            {t('admin.save')}
          </Button>
        </>
      }
    >
      <form className="stack" onSubmit={submit} noValidate>
        {group && group.used_by.length > 0 && (
          <p className="notice notice-warn">{t('admin.library.followNote', { items: group.used_by.map((i) => i.name).join(', ') })}</p>
        )}
        <GroupFields group={draft} index={0} onChange={(patch) => setDraft((d) => ({ ...d, ...patch }))} problems={problems} currency={currency} />
        {save.error && <p className="notice notice-error" role="alert">{errorText(save.error)}</p>}
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}
