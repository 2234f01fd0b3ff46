import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { desktop, type ShopSettings, type TableView } from '../../api';
import { useSettings } from '../../api/queries/get-settings';
import { Button, Dialog, QrCode, saveFile, useToast } from '../../ui';
import { useServerInfo } from './api/get-server-info';
import { useCreateTable, useDeleteTable, useTables, useTablesSheet, useUpdateTable } from './api/tables';
import { useUpdateSettings } from './api/update-settings';
import { useErrorText } from './errors';
import { checkTable, guestLink, type TableProblems } from './lib/table-form';
import './tables.css';

/**
 * The shop's tables: each with its QR code for guests (`/t/<code>`), added, renamed, moved to an
 * area, given a new code or deleted; the sheet of QR codes to print; how guests' orders reach the kitchen.
 */
export function TablesPanel() {
  const { t } = useTranslation();
  const tables = useTables();
  const toast = useToast();
  const errorText = useErrorText();
  const base = useGuestBase();
  const sheet = useTablesSheet();
  const update = useUpdateTable();
  const del = useDeleteTable();
  const [editing, setEditing] = useState<TableView | 'new' | null>(null);
  const [renewing, setRenewing] = useState<TableView | null>(null);
  const [deleting, setDeleting] = useState<TableView | null>(null);
  const list = tables.data?.tables ?? [];
  const print = () =>
    // In a browser the codes point where this page came from; the desktop app lets its server choose.
    sheet.mutate(desktop ? undefined : window.location.origin, {
      onSuccess: (pdf) => {
        saveFile(pdf, 'crema-table-qr-codes.pdf');
        toast(t('tables.printed'), 'success');
      },
      onError: (e) => toast(errorText(e), 'error'),
    });
  return (
    <div className="stack">
      <section className="panel" aria-labelledby="tables-h">
        <div className="row">
          <h2 id="tables-h" className="grow">{t('tables.title')}</h2>
          <Button onClick={print} disabled={list.length === 0 || sheet.isPending} data-testid="tables-print" aria-describedby="tables-print-hint">
            {sheet.isPending ? t('tables.printing') : t('tables.print')}
          </Button>
          <Button variant="primary" onClick={() => setEditing('new')} data-testid="table-add">
            {t('tables.add')}
          </Button>
        </div>
        <p className="hint">{t('tables.explain')}</p>
        <p className="hint" id="tables-print-hint">{t('tables.printHint')}</p>
        {tables.error && <p className="notice notice-error" role="alert">{errorText(tables.error)}</p>}
        {tables.data && list.length === 0 && <p className="notice" data-testid="tables-empty">{t('tables.none')}</p>}
        {list.length > 0 && (
          <table className="admin-table cards tables-list">
            <thead>
              <tr>
                <th scope="col">{t('tables.name')}</th>
                <th scope="col">{t('tables.area')}</th>
                <th scope="col">{t('tables.link')}</th>
                <th scope="col"><span className="sr-only">{t('admin.edit')}</span></th>
              </tr>
            </thead>
            <tbody>
              {list.map((tb) => {
                const link = base ? guestLink(base, tb.code) : null;
                return (
                  <tr key={tb.id} data-testid="table-row" data-name={tb.name} data-code={tb.code}>
                    <th scope="row">
                      <div className="table-name">
                        {link && <QrCode text={link} alt={t('tables.qrOf', { name: tb.name })} size={72} />}
                        <span className="table-label">{tb.name}</span>
                      </div>
                    </th>
                    <td data-label={t('tables.area')}>{tb.area || <span className="hint">{t('tables.noArea')}</span>}</td>
                    <td data-label={t('tables.link')} className="table-link">
                      {link ? (
                        <a className="link" href={link} target="_blank" rel="noreferrer" data-testid="table-link">
                          {link}
                        </a>
                      ) : (
                        <code>{tb.code}</code>
                      )}
                    </td>
                    <td>
                      <div className="actions">
                        <Button onClick={() => setEditing(tb)} aria-label={t('admin.editNamed', { name: tb.name })} data-testid="table-edit">
                          {t('admin.edit')}
                        </Button>
                        <Button onClick={() => setRenewing(tb)} aria-label={t('tables.newCodeNamed', { name: tb.name })} data-testid="table-new-code">
                          {t('tables.newCode')}
                        </Button>
                        <Button variant="danger" onClick={() => setDeleting(tb)} aria-label={t('admin.deleteNamed', { name: tb.name })} data-testid="table-delete">
                          {t('admin.delete')}
                        </Button>
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
      <GuestOrderMode />
      {editing && <TableDialog table={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      <Dialog
        open={renewing !== null}
        title={t('tables.newCodeNamed', { name: renewing?.name ?? '' })}
        onClose={() => setRenewing(null)}
        footer={
          <>
            <Button onClick={() => setRenewing(null)}>{t('common.cancel')}</Button>
            <Button
              variant="danger"
              data-testid="confirm-new-code"
              disabled={update.isPending}
              onClick={() =>
                renewing &&
                update.mutate(
                  { id: renewing.id, patch: { new_code: true } },
                  {
                    onSuccess: (tb) => {
                      setRenewing(null);
                      toast(t('tables.newCodeDone', { name: tb.name }), 'success');
                    },
                    onError: (e) => toast(errorText(e), 'error'),
                  },
                )
              }
            >
              {t('tables.newCode')}
            </Button>
          </>
        }
      >
        <p>{t('tables.newCodeConfirm', { name: renewing?.name ?? '' })}</p>
      </Dialog>
      <Dialog
        open={deleting !== null}
        title={t('admin.deleteNamed', { name: deleting?.name ?? '' })}
        onClose={() => setDeleting(null)}
        footer={
          <>
            <Button onClick={() => setDeleting(null)}>{t('common.cancel')}</Button>
            <Button
              variant="danger"
              data-testid="confirm-delete"
              disabled={del.isPending}
              onClick={() =>
                deleting &&
                del.mutate(deleting.id, {
                  onSuccess: () => {
                    toast(t('tables.deleted', { name: deleting.name }), 'success');
                    setDeleting(null);
                  },
                  onError: (e) => toast(errorText(e), 'error'),
                })
              }
            >
              {t('admin.delete')}
            </Button>
          </>
        }
      >
        <p>{t('tables.confirmDelete', { name: deleting?.name ?? '' })}</p>
      </Dialog>
    </div>
  );
}

/** Where guests' phones open a table's page: this page's own address in a browser, the LAN server's in the desktop app. */
function useGuestBase(): string | null {
  const info = useServerInfo();
  if (!desktop) return window.location.origin;
  return info.data?.urls[0] ?? null;
}

/** Add a table, or rename it and change its area. */
function TableDialog({ table, onClose }: { table: TableView | null; onClose: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const create = useCreateTable();
  const update = useUpdateTable();
  const [name, setName] = useState(table?.name ?? '');
  const [area, setArea] = useState(table?.area ?? '');
  const [problems, setProblems] = useState<TableProblems>({});
  const pending = create.isPending || update.isPending;
  const error = create.error ?? update.error;
  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    const r = checkTable(name, area);
    setProblems(r.ok ? {} : r.problems);
    if (!r.ok) return;
    if (table) update.mutate({ id: table.id, patch: { name: r.name, area: r.area } }, { onSuccess: onClose });
    else create.mutate({ name: r.name, area: r.area }, { onSuccess: onClose });
  };
  return (
    <Dialog
      open
      title={table ? t('tables.editTitle', { name: table.name }) : t('tables.newTitle')}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button variant="primary" data-testid="table-save" disabled={pending} onClick={() => submit()}>
            {t('admin.save')}
          </Button>
        </>
      }
    >
      <form className="form-grid" onSubmit={submit} noValidate>
        <label className="field">
          <span>
            {t('tables.name')} <span className="hint">{t('tables.nameHint')}</span>
          </span>
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={16}
            data-testid="table-name"
            aria-invalid={!!problems.name}
            aria-describedby={problems.name ? 'table-name-error' : undefined}
          />
          {problems.name && <span className="field-error" id="table-name-error">{t('tables.invalid.name')}</span>}
        </label>
        <label className="field">
          <span>
            {t('tables.area')} <span className="hint">{t('tables.areaHint')}</span>
          </span>
          <input
            value={area}
            onChange={(e) => setArea(e.target.value)}
            maxLength={40}
            data-testid="table-area"
            aria-invalid={!!problems.area}
            aria-describedby={problems.area ? 'table-area-error' : undefined}
          />
          {problems.area && <span className="field-error" id="table-area-error">{t('tables.invalid.area')}</span>}
        </label>
        {error && (
          <p className="notice notice-error wide" role="alert" data-testid="table-error">
            {errorText(error)}
          </p>
        )}
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}

/** The shop's choice: guests' orders wait for a staff accept, or go to the kitchen at once (guests pay at the counter). */
function GuestOrderMode() {
  const { t } = useTranslation();
  const settings = useSettings().data;
  const save = useUpdateSettings();
  const toast = useToast();
  const errorText = useErrorText();
  if (!settings) return null;
  const on = settings.guest_orders_need_accept ?? false;
  const choose = (accept: boolean) => {
    if (accept === on) return;
    const next: ShopSettings = { ...settings, guest_orders_need_accept: accept };
    save.mutate(next, {
      onSuccess: () => toast(t('tables.mode.saved', { mode: t(accept ? 'tables.mode.accept' : 'tables.mode.pay') }), 'success'),
      onError: (e) => toast(errorText(e), 'error'),
    });
  };
  return (
    <section className="panel" aria-labelledby="guest-mode-h">
      <fieldset className="guest-mode" disabled={save.isPending}>
        <legend id="guest-mode-h">{t('tables.mode.legend')}</legend>
        {([true, false] as const).map((accept) => (
          <label key={String(accept)} className="check guest-mode-option">
            <input type="radio" name="guest-order-mode" checked={on === accept} onChange={() => choose(accept)} data-testid={accept ? 'guest-mode-accept' : 'guest-mode-pay'} />
            <span>
              {t(accept ? 'tables.mode.accept' : 'tables.mode.pay')}
              <span className="hint guest-mode-hint">{t(accept ? 'tables.mode.acceptHint' : 'tables.mode.payHint')}</span>
            </span>
          </label>
        ))}
      </fieldset>
    </section>
  );
}
