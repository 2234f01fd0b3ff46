import { useTranslation } from 'react-i18next';
import { Button } from '../../ui';
import { MAX_TAX_CLASSES, STANDARD_CLASS, newTaxClassDraft, type TaxClassDraft, type TaxClassField, type TaxClassProblems } from './lib/tax-classes';
import './tax-classes.css';

/** The shop's tax classes: id, name, eat-in and takeaway rate in percent; `standard` stays. */
export function TaxClassesEditor({ drafts, onChange, problems }: { drafts: TaxClassDraft[]; onChange: (d: TaxClassDraft[]) => void; problems: TaxClassProblems[] }) {
  const { t } = useTranslation();
  const update = (i: number, patch: Partial<TaxClassDraft>) => onChange(drafts.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  return (
    <fieldset className="tax-classes wide" data-testid="tax-classes">
      <legend>{t('admin.taxClasses.title')}</legend>
      <p className="hint">{t('admin.taxClasses.explain')}</p>
      <ul className="tax-class-rows">
        {drafts.map((d, i) => {
          const p = problems[i] ?? {};
          const label = d.name.trim() || d.id.trim() || t('admin.taxClasses.newClass');
          const input = (k: TaxClassField, caption: string, props: Record<string, unknown> = {}) => {
            const errId = `tax-${d.key}-${k}-error`;
            return (
              <label className={`field tc-${k}`}>
                <span>{caption}</span>
                <input
                  value={d[k]}
                  onChange={(e) => update(i, { [k]: e.target.value })}
                  aria-invalid={!!p[k]}
                  aria-describedby={p[k] ? errId : undefined}
                  data-testid={`tax-class-${k}`}
                  {...props}
                />
                {p[k] && (
                  <span className="field-error" id={errId}>
                    {t(`admin.taxClasses.invalid.${p[k]}`)}
                  </span>
                )}
              </label>
            );
          };
          return (
            <li key={d.key} className="tax-class-row" data-testid="tax-class" data-id={d.id}>
              {d.saved ? (
                <div className="field tc-id">
                  <span>{t('admin.taxClasses.id')}</span>
                  <code className="tc-id-fixed">{d.id}</code>
                </div>
              ) : (
                input('id', t('admin.taxClasses.id'), { maxLength: 32, autoCapitalize: 'none', autoCorrect: 'off', spellCheck: false, placeholder: 'reduced' })
              )}
              {input('name', t('admin.taxClasses.name'), { maxLength: 40 })}
              {input('eat_in', t('admin.taxClasses.eatIn'), { inputMode: 'decimal' })}
              {input('takeaway', t('admin.taxClasses.takeaway'), { inputMode: 'decimal' })}
              {d.id === STANDARD_CLASS && d.saved ? (
                <span className="hint tc-action">{t('admin.taxClasses.standardFixed')}</span>
              ) : (
                <Button variant="ghost" className="tc-action" onClick={() => onChange(drafts.filter((_, j) => j !== i))} aria-label={t('admin.taxClasses.remove', { name: label })} data-testid="tax-class-remove">
                  {t('admin.remove')}
                </Button>
              )}
            </li>
          );
        })}
      </ul>
      <div className="row wrap">
        <Button onClick={() => onChange([...drafts, newTaxClassDraft()])} disabled={drafts.length >= MAX_TAX_CLASSES} data-testid="tax-class-add">
          {t('admin.taxClasses.add')}
        </Button>
        {drafts.length >= MAX_TAX_CLASSES && <span className="hint">{t('admin.taxClasses.max', { count: MAX_TAX_CLASSES })}</span>}
      </div>
    </fieldset>
  );
}
