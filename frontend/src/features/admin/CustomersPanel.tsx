import { useDeferredValue, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Money, useToast } from '../../ui';
import { useCreateCustomer } from '../../api/queries/create-customer';
import { useCustomers } from './api/get-customers';
import { useErrorText } from './errors';

/** Customers: search, visits, total spent, last visit, the "Regular" badge; add one. */
export function CustomersPanel() {
  const { t, i18n } = useTranslation();
  const [q, setQ] = useState('');
  const query = useDeferredValue(q.trim());
  const customers = useCustomers(query);
  const create = useCreateCustomer();
  const toast = useToast();
  const errorText = useErrorText();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [nameMissing, setNameMissing] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setNameMissing(!name.trim());
    if (!name.trim()) return;
    create.mutate(
      { name: name.trim(), email: email.trim() || null, phone: phone.trim() || null },
      {
        onSuccess: (c) => {
          toast(t('admin.customers.added', { name: c.name }), 'success');
          setName('');
          setEmail('');
          setPhone('');
        },
      },
    );
  };
  const list = customers.data?.customers ?? [];
  return (
    <section className="panel" aria-labelledby="customers-h">
      <h2 id="customers-h">{t('admin.customers.title')}</h2>
      <form className="row wrap" onSubmit={submit} noValidate aria-label={t('admin.customers.add')}>
        <label className="field grow">
          <span>{t('admin.customers.name')}</span>
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={100} aria-invalid={nameMissing} />
        </label>
        <label className="field grow">
          <span>{t('admin.customers.email')} <span className="hint">{t('admin.optional')}</span></span>
          <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} maxLength={200} />
        </label>
        <label className="field grow">
          <span>{t('admin.customers.phone')} <span className="hint">{t('admin.optional')}</span></span>
          <input type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} maxLength={40} />
        </label>
        <Button type="submit" variant="primary" className="align-end" disabled={create.isPending}>{t('admin.customers.add')}</Button>
      </form>
      {nameMissing && <p className="field-error" role="alert">{t('admin.customers.nameRequired')}</p>}
      {create.error && <p className="notice notice-error" role="alert">{errorText(create.error)}</p>}
      <label className="field">
        <span>{t('admin.customers.search')}</span>
        <input type="search" value={q} onChange={(e) => setQ(e.target.value)} maxLength={100} />
      </label>
      {customers.error && <p className="notice notice-error" role="alert">{errorText(customers.error)}</p>}
      {customers.isSuccess && list.length === 0 && <p className="hint">{t('admin.customers.none')}</p>}
      {list.length > 0 && (
        <table className="admin-table cards">
          <thead>
            <tr>
              <th scope="col">{t('admin.customers.name')}</th>
              <th scope="col">{t('admin.customers.contact')}</th>
              <th scope="col" className="num">{t('admin.customers.visits')}</th>
              <th scope="col" className="num">{t('admin.customers.totalSpent')}</th>
              <th scope="col">{t('admin.customers.lastVisit')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((c) => (
              <tr key={c.id} data-testid="customer-row">
                <th scope="row">
                  {c.name} {c.regular && <span className="pill paid">{t('customers.regular')}</span>}{' '}
                  {c.has_account && <span className="hint">· {t('admin.customers.account')}</span>}
                </th>
                <td data-label={t('admin.customers.contact')}>{[c.email, c.phone].filter(Boolean).join(' · ')}</td>
                <td className="num" data-label={t('admin.customers.visits')}>{c.visits}</td>
                <td className="num" data-label={t('admin.customers.totalSpent')}><Money value={c.total_spent} /></td>
                <td data-label={t('admin.customers.lastVisit')}>{c.last_visit ? new Date(c.last_visit).toLocaleDateString(i18n.language, { dateStyle: 'medium' }) : t('admin.customers.never')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
