import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CustomerSummary } from '../../api';
import { useCreateCustomer } from '../../api/queries/create-customer';
import { Button, Dialog, Money, useApiErrorText, useToast } from '../../ui';
import { useCustomers } from './api/get-customers';

/** Look a customer up by name, phone or e-mail (or add one) and attach them to the order. */
export function CustomerPicker({ value, onChange }: { value: CustomerSummary | null; onChange: (c: CustomerSummary | null) => void }) {
  const { t } = useTranslation();
  const errorText = useApiErrorText('counter.errors');
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState('');
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const h = setTimeout(() => setDebounced(q.trim()), 200);
    return () => clearTimeout(h);
  }, [q]);
  const results = useCustomers(debounced, open);
  const { mutateAsync: createCustomer } = useCreateCustomer();
  const pick = (c: CustomerSummary) => {
    onChange(c);
    setOpen(false);
    setQ('');
  };
  const add = async () => {
    const name = q.trim();
    if (!name) return;
    const looksLikeEmail = name.includes('@');
    const looksLikePhone = /^[+\d][\d\s/-]{4,}$/.test(name);
    try {
      pick(await createCustomer(looksLikeEmail ? { name, email: name } : looksLikePhone ? { name, phone: name } : { name }));
    } catch (e) {
      toast(errorText(e), 'error');
    }
  };
  return (
    <div className="customer-picker">
      {value ? (
        <div className="row customer-chip" data-testid="customer-chip">
          <span className="grow">
            <strong>{value.name}</strong>
            {value.regular && <span className="pill paid"> {t('customers.regular')}</span>}
          </span>
          <Button variant="ghost" onClick={() => onChange(null)} aria-label={t('customers.detach', { name: value.name })}>
            ✕
          </Button>
        </div>
      ) : (
        <Button onClick={() => setOpen(true)}>{t('customers.attach')}</Button>
      )}
      <Dialog open={open} title={t('customers.find')} onClose={() => setOpen(false)} wide footer={<Button onClick={() => setOpen(false)}>{t('common.cancel')}</Button>}>
        <div className="stack">
          <label className="field">
            <span>{t('customers.search')}</span>
            <input type="search" value={q} onChange={(e) => setQ(e.target.value)} autoFocus />
          </label>
          <ul className="history">
            {results.data?.customers.map((c) => (
              <li key={c.id}>
                <button type="button" className="history-row btn" onClick={() => pick(c)}>
                  <span className="grow">
                    <strong>{c.name}</strong> {c.regular && <span className="pill paid">{t('customers.regular')}</span>}
                  </span>
                  <span>{c.phone ?? c.email ?? ''}</span>
                  <span>{t('customers.visits', { count: c.visits })}</span>
                  <Money value={c.total_spent} />
                </button>
              </li>
            ))}
          </ul>
          {results.data && results.data.customers.length === 0 && <p>{t('customers.none')}</p>}
          {q.trim() && (
            <Button onClick={() => void add()}>{t('customers.add', { name: q.trim() })}</Button>
          )}
        </div>
      </Dialog>
    </div>
  );
}
