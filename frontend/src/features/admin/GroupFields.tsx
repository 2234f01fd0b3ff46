import { useTranslation } from 'react-i18next';
import { Button } from '../../ui';
import { newOption, type DraftProblem, type GroupDraft, type OptionDraft } from './lib/modifier-draft';

/**
 * One modifier group's fields: name, at least / at most, options with price changes.
 * Used for an item's own groups and for a group of the library.
 */
export function GroupFields({
  group: g,
  index: gi,
  onChange,
  onRemove,
  problems,
  currency,
}: {
  group: GroupDraft;
  index: number;
  onChange: (patch: Partial<GroupDraft>) => void;
  /** Absent where the group cannot be removed (the library's own editor). */
  onRemove?: () => void;
  problems: DraftProblem[];
  currency: string;
}) {
  const { t } = useTranslation();
  const setOption = (oi: number, patch: Partial<OptionDraft>) => onChange({ options: g.options.map((o, i) => (i === oi ? { ...o, ...patch } : o)) });
  const gp = problems.find((p) => p.where === 'group' && p.group === gi);
  const optionProblem = (oi: number) => problems.find((p) => p.where === 'option' && p.group === gi && p.option === oi);
  const label = g.name || t('admin.groups.groupN', { n: gi + 1 });
  return (
    <fieldset className={`modifier-group ${gp ? 'has-error' : ''}`} data-testid="group-editor">
      <legend>{label}</legend>
      <div className="row wrap">
        <label className="field grow">
          <span>{t('admin.groups.name')}</span>
          <input value={g.name} onChange={(e) => onChange({ name: e.target.value })} maxLength={60} />
        </label>
        <label className="field tiny">
          <span>{t('admin.groups.min')}</span>
          <input inputMode="numeric" value={g.min} onChange={(e) => onChange({ min: e.target.value })} />
        </label>
        <label className="field tiny">
          <span>{t('admin.groups.max')}</span>
          <input inputMode="numeric" value={g.max} onChange={(e) => onChange({ max: e.target.value })} />
        </label>
        {onRemove && (
          <Button variant="danger" className="align-end" onClick={onRemove} aria-label={t('admin.groups.removeGroup', { name: label })}>
            {t('admin.remove')}
          </Button>
        )}
      </div>
      {gp && <p className="field-error" role="alert">{t(`admin.groups.problem.${gp.error}`)}</p>}
      <ul className="option-rows">
        {g.options.map((o, oi) => {
          const op = optionProblem(oi);
          const oLabel = o.name || t('admin.groups.optionN', { n: oi + 1 });
          return (
            <li key={o.key} className="row wrap" data-testid="option-editor">
              <label className="field grow">
                <span>{t('admin.groups.optionName')}</span>
                <input value={o.name} onChange={(e) => setOption(oi, { name: e.target.value })} maxLength={60} />
              </label>
              <label className="field narrow">
                <span>{t('admin.groups.delta', { currency })}</span>
                <input inputMode="decimal" value={o.delta} placeholder="0" onChange={(e) => setOption(oi, { delta: e.target.value })} />
              </label>
              <Button
                variant="ghost"
                className="align-end"
                onClick={() => onChange({ options: g.options.filter((_, i) => i !== oi) })}
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
      <Button onClick={() => onChange({ options: [...g.options, newOption()] })} aria-label={t('admin.groups.addOptionTo', { name: label })}>
        {t('admin.groups.addOption')}
      </Button>
    </fieldset>
  );
}
