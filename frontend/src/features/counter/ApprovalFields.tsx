import { useTranslation } from 'react-i18next';
import type { Approval } from '../../api';

/** An admin's username and password typed at the till, approving what a cashier may not do alone. */
export function ApprovalFields({ approval, onChange, explain }: { approval: Approval; onChange: (a: Approval) => void; explain: string }) {
  const { t } = useTranslation();
  return (
    <fieldset className="approval stack" data-testid="approval">
      <legend>{t('counter.refund.approvalTitle')}</legend>
      <p className="hint">{explain}</p>
      <label className="field">
        <span>{t('counter.refund.adminUsername')}</span>
        <input value={approval.username} onChange={(e) => onChange({ ...approval, username: e.target.value })} autoComplete="off" autoFocus data-testid="approval-username" />
      </label>
      <label className="field">
        <span>{t('counter.refund.adminPassword')}</span>
        <input type="password" value={approval.password} onChange={(e) => onChange({ ...approval, password: e.target.value })} autoComplete="off" data-testid="approval-password" />
      </label>
    </fieldset>
  );
}

/** Both fields filled in. */
export function approvalReady(a: Approval | null): boolean {
  return !a || (a.username.trim() !== '' && a.password !== '');
}
