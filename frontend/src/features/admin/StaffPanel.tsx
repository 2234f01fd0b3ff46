import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { NewStaff, StaffAccount } from '../../api';
import { useSession } from '../../api/hooks';
import { Button, Dialog, useToast } from '../../ui';
import { useCreateUser } from './api/create-user';
import { useUsers } from './api/get-users';
import { useUpdateUser } from './api/update-user';
import { useErrorText } from './errors';

type Role = NewStaff['role'];
type Secret = 'password' | 'pin';
const ROLES: Role[] = ['cashier', 'kitchen', 'admin'];

/** `null` when fine, else the i18n key of the problem. */
export function secretProblem(kind: Secret, value: string): string | null {
  if (kind === 'pin') return /^\d{6,8}$/.test(value) ? null : 'admin.staff.badPin';
  return [...value].length >= 8 ? null : 'admin.staff.badPassword';
}

/** Staff accounts: create (password or PIN), disable/enable, reset password or PIN. */
export function StaffPanel() {
  const { t } = useTranslation();
  const users = useUsers();
  const me = useSession();
  const toast = useToast();
  const errorText = useErrorText();
  const create = useCreateUser();
  const update = useUpdateUser();
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<Role>('cashier');
  const [kind, setKind] = useState<Secret>('pin');
  const [secret, setSecret] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [resetting, setResetting] = useState<{ user: StaffAccount; kind: Secret } | null>(null);
  const pinAllowed = role !== 'kitchen';
  const effectiveKind: Secret = pinAllowed ? kind : 'password';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const p = !username.trim() ? 'admin.staff.badUsername' : secretProblem(effectiveKind, secret);
    setProblem(p);
    if (p) return;
    const body: NewStaff = { username: username.trim(), role, ...(effectiveKind === 'pin' ? { pin: secret } : { password: secret }) };
    create.mutate(body, {
      onSuccess: (u) => {
        toast(t('admin.staff.created', { name: u.username }), 'success');
        setUsername('');
        setSecret('');
      },
    });
  };
  return (
    <section className="panel" aria-labelledby="staff-h">
      <h2 id="staff-h">{t('admin.staff.title')}</h2>
      <form className="form-grid" onSubmit={submit} noValidate aria-label={t('admin.staff.create')}>
        <label className="field">
          <span>{t('admin.staff.username')}</span>
          <input value={username} onChange={(e) => setUsername(e.target.value)} maxLength={40} autoComplete="off" />
        </label>
        <label className="field">
          <span>{t('admin.staff.role')}</span>
          <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>{t(`roles.${r}`)}</option>
            ))}
          </select>
        </label>
        <fieldset className="field plain">
          <legend>{t('admin.staff.signIn')}</legend>
          <div className="segmented">
            {(['pin', 'password'] as const).map((k) => (
              <label key={k} className={`btn btn-secondary btn-md ${effectiveKind === k ? 'option-on' : ''}`}>
                <input
                  type="radio"
                  className="sr-only"
                  name="staff-secret"
                  checked={effectiveKind === k}
                  disabled={k === 'pin' && !pinAllowed}
                  onChange={() => setKind(k)}
                />
                {t(`admin.staff.${k}`)}
              </label>
            ))}
          </div>
          {!pinAllowed && <span className="hint">{t('admin.staff.pinRoles')}</span>}
        </fieldset>
        <label className="field">
          <span>{effectiveKind === 'pin' ? t('admin.staff.secretPin') : t('admin.staff.secretPassword')}</span>
          <input
            type="password"
            inputMode={effectiveKind === 'pin' ? 'numeric' : 'text'}
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
            autoComplete="new-password"
          />
        </label>
        <div className="row wide">
          <Button type="submit" variant="primary" disabled={create.isPending}>{t('admin.staff.create')}</Button>
          {problem && <span className="field-error" role="alert">{t(problem)}</span>}
          {create.error && <span className="field-error" role="alert">{errorText(create.error)}</span>}
        </div>
      </form>
      {update.error && <p className="notice notice-error" role="alert" data-testid="staff-error">{errorText(update.error)}</p>}
      <table className="admin-table cards">
        <thead>
          <tr>
            <th scope="col">{t('admin.staff.username')}</th>
            <th scope="col">{t('admin.staff.role')}</th>
            <th scope="col">{t('admin.staff.signIn')}</th>
            <th scope="col"><span className="sr-only">{t('admin.edit')}</span></th>
          </tr>
        </thead>
        <tbody>
          {users.data?.users.map((u) => (
            <tr key={u.id} data-testid="staff-row" data-username={u.username}>
              <th scope="row">
                {u.username} {u.disabled && <span className="pill unpaid">{t('admin.staff.disabled')}</span>}
              </th>
              <td data-label={t('admin.staff.role')}>{t(`roles.${u.role}`)}</td>
              <td data-label={t('admin.staff.signIn')}>{[u.has_password && t('admin.staff.password'), u.has_pin && t('admin.staff.pin')].filter(Boolean).join(', ')}</td>
              <td>
                <div className="actions">
                  <Button onClick={() => setResetting({ user: u, kind: 'password' })}>{t('admin.staff.resetPassword')}</Button>
                  {u.role !== 'kitchen' && <Button onClick={() => setResetting({ user: u, kind: 'pin' })}>{t('admin.staff.resetPin')}</Button>}
                  <Button
                    variant={u.disabled ? 'secondary' : 'danger'}
                    disabled={update.isPending || (!u.disabled && me?.name === u.username)}
                    onClick={() => update.mutate({ id: u.id, change: { disabled: !u.disabled } })}
                    aria-label={u.disabled ? t('admin.staff.enableNamed', { name: u.username }) : t('admin.staff.disableNamed', { name: u.username })}
                  >
                    {u.disabled ? t('admin.staff.enable') : t('admin.staff.disable')}
                  </Button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {resetting && <ResetDialog user={resetting.user} kind={resetting.kind} onClose={() => setResetting(null)} />}
    </section>
  );
}

function ResetDialog({ user, kind, onClose }: { user: StaffAccount; kind: Secret; onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const errorText = useErrorText();
  const update = useUpdateUser();
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const title = kind === 'pin' ? t('admin.staff.resetPinFor', { name: user.username }) : t('admin.staff.resetPasswordFor', { name: user.username });
  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    const p = secretProblem(kind, value);
    setProblem(p);
    if (p) return;
    update.mutate(
      { id: user.id, change: kind === 'pin' ? { pin: value } : { password: value } },
      {
        onSuccess: () => {
          toast(t('admin.staff.resetDone', { name: user.username }), 'success');
          onClose();
        },
      },
    );
  };
  return (
    <Dialog
      open
      title={title}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button variant="primary" disabled={update.isPending} onClick={() => submit()}>{t('admin.save')}</Button>
        </>
      }
    >
      <form onSubmit={submit} className="stack" noValidate>
        <label className="field">
          <span>{kind === 'pin' ? t('admin.staff.secretPin') : t('admin.staff.secretPassword')}</span>
          <input type="password" inputMode={kind === 'pin' ? 'numeric' : 'text'} value={value} onChange={(e) => setValue(e.target.value)} autoComplete="new-password" autoFocus />
        </label>
        {problem && <p className="field-error" role="alert">{t(problem)}</p>}
        {update.error && <p className="notice notice-error" role="alert">{errorText(update.error)}</p>}
      </form>
    </Dialog>
  );
}
