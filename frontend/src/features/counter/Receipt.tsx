import { useTranslation } from 'react-i18next';
import type { Order } from '../../api';
import { useSettings } from '../../api/queries/get-settings';
import { Money } from '../../ui';
import { discountsOf } from '../../ordering/discounts';
import { modifierLabels } from '../../ordering/repeats';

/** Only visible when printing (see @media print in theme.css). */
export function Receipt({ order }: { order: Order | null }) {
  const { t, i18n } = useTranslation();
  const settings = useSettings(300_000).data;
  if (!order) return null;
  return (
    <section className="receipt" aria-hidden="true">
      <h2>{settings?.shop_name || t('app.name')}</h2>
      {settings?.receipt_header && <p className="receipt-text">{settings.receipt_header}</p>}
      <p>
        {t('counter.orderNumber', { number: order.number })} · {new Date(order.created_at).toLocaleString(i18n.language)}
      </p>
      <p>
        {t(`order.types.${order.type}`)}
        {order.table ? ` · ${t('order.tableN', { table: order.table })}` : ''}
      </p>
      <table>
        <tbody>
          {order.lines.map((l, i) => (
            <tr key={i}>
              <td>
                {l.quantity}× {l.name}
                {l.modifiers.length > 0 && <div className="receipt-mods">{modifierLabels(l.modifiers).join(', ')}</div>}
              </td>
              <td className="num">
                <Money value={l.line_total} />
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td>{t('receipt.subtotal')}</td>
            <td className="num"><Money value={order.subtotal} /></td>
          </tr>
          {discountsOf(order).map((d) => (
            <tr key={d.kind}>
              <td>{d.kind === 'loyalty' ? t('cart.discountLoyalty') : d.kind === 'points' ? t('cart.discountPoints') : t('receipt.discount')}{d.code ? ` (${d.code})` : d.reason ? ` (${d.reason})` : ''}</td>
              <td className="num">−<Money value={d.amount} /></td>
            </tr>
          ))}
          <tr>
            <td>{t('receipt.tax')}</td>
            <td className="num"><Money value={order.tax} /></td>
          </tr>
          <tr className="receipt-total">
            <td>{t('cart.total')}</td>
            <td className="num"><Money value={order.total} /></td>
          </tr>
          {order.payments.map((p) => (
            <tr key={p.id}>
              <td>{t(`counter.methods.${p.method}`)}</td>
              <td className="num"><Money value={p.tendered ?? p.amount} /></td>
            </tr>
          ))}
          {order.change_due.amount > 0 && (
            <tr>
              <td>{t('counter.change')}</td>
              <td className="num"><Money value={order.change_due} /></td>
            </tr>
          )}
        </tfoot>
      </table>
      <p className="receipt-text">{settings?.receipt_footer || t('receipt.thanks')}</p>
    </section>
  );
}

