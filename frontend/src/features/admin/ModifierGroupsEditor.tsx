import { useTranslation } from 'react-i18next';
import { Button } from '../../ui';
import { newGroup, newOption, type DraftProblem, type GroupDraft, type OptionDraft } from './lib/modifier-draft';

/** Groups with min/max and options with price deltas; saved with the item (PUT modifier-groups). */
export function ModifierGroupsEditor({
  groups,
  onChange,
  problems,
  currency,
}: {
  groups: GroupDraft[];
  onChange: (g: GroupDraft[]) => void;
  problems: DraftProblem[];
  currency: string;
}) {
  const { t } = useTranslation();
  const setGroup = (gi: number, patch: Partial<GroupDraft>) => onChange(groups.map((g, i) => (i === gi ? { ...g, ...patch } : g)));
  const setOption = (gi: number, oi: number, patch: Partial<OptionDraft>) =>
    setGroup(gi, { options: groups[gi]!.options.map((o, i) => (i === oi ? { ...o, ...patch } : o)) });
  const groupProblem = (gi: number) => problems.find((p) => p.where === 'group' && p.group === gi);
  const optionProblem = (gi: number, oi: number) => problems.find((p) => p.where === 'option' && p.group === gi && p.option === oi);
  return (
    <div className="stack" data-testid="modifier-editor">
      <div className="row">
        <h3 className="grow">{t('admin.groups.title')}</h3>
        <Button onClick={() => onChange([...groups, newGroup()])}>{t('admin.groups.addGroup')}</Button>
      </div>
      {groups.length === 0 && <p className="hint">{t('admin.groups.none')}</p>}
      {groups.map((g, gi) => {
        const gp = groupProblem(gi);
        const label = g.name || t('admin.groups.groupN', { n: gi + 1 });
        return (
          <fieldset key={g.key} className={`modifier-group ${gp ? 'has-error' : ''}`} data-testid="group-editor">
            <legend>{label}</legend>
            <div className="row wrap">
              <label className="field grow">
                <span>{t('admin.groups.name')}</span>
                <input value={g.name} onChange={(e) => setGroup(gi, { name: e.target.value })} maxLength={60} />
              </label>
              <label className="field tiny">
                <span>{t('admin.groups.min')}</span>
                <input inputMode="numeric" value={g.min} onChange={(e) => setGroup(gi, { min: e.target.value })} />
              </label>
              <label className="field tiny">
                <span>{t('admin.groups.max')}</span>
                <input inputMode="numeric" value={g.max} onChange={(e) => setGroup(gi, { max: e.target.value })} />
              </label>
              <Button variant="danger" className="align-end" onClick={() => onChange(groups.filter((_, i) => i !== gi))} aria-label={t('admin.groups.removeGroup', { name: label })}>
                {t('admin.remove')}
              </Button>
            </div>
            {gp && <p className="field-error" role="alert">{t(`admin.groups.problem.${gp.error}`)}</p>}
            <ul className="option-rows">
              {g.options.map((o, oi) => {
                const op = optionProblem(gi, oi);
                const oLabel = o.name || t('admin.groups.optionN', { n: oi + 1 });
                return (
                  <li key={o.key} className="row wrap" data-testid="option-editor">
                    <label className="field grow">
                      <span>{t('admin.groups.optionName')}</span>
                      <input value={o.name} onChange={(e) => setOption(gi, oi, { name: e.target.value })} maxLength={60} />
                    </label>
                    <label className="field narrow">
                      <span>{t('admin.groups.delta', { currency })}</span>
                      <input inputMode="decimal" value={o.delta} placeholder="0" onChange={(e) => setOption(gi, oi, { delta: e.target.value })} />
                    </label>
                    <Button
                      variant="ghost"
                      className="align-end"
                      onClick={() => setGroup(gi, { options: g.options.filter((_, i) => i !== oi) })}
                      aria-label={t('admin.groups.removeOption', { name: oLabel })}
                    >
                      ✕
                    </Button>
                    {op && (
                      <p className="field-error full" role="alert">
                        {op.error === 'name' ? t('admin.groups.problem.optionName') : t(`admin.decimal.${op.error}`)}
                      </p>
                    )}
                  </li>
                );
              })}
            </ul>
            <Button onClick={() => setGroup(gi, { options: [...g.options, newOption()] })} aria-label={t('admin.groups.addOptionTo', { name: label })}>
              {t('admin.groups.addOption')}
            </Button>
          </fieldset>
        );
      })}
    </div>
  );
}
