import type { Widen } from '../en';
import type { reports as en } from '../en/reports';

/** The sales dashboard. */
export const reports: Widen<typeof en> = {
  reports: {
    title: 'Auswertung',
    from: 'Von',
    to: 'Bis',
    exportCsv: 'Bestellungen exportieren (CSV)',
    failed: 'Die Zahlen konnten nicht geladen werden.',
    byHour: 'Umsatz nach Stunde',
    byDay: 'Umsatz nach Tag',
    topItems: 'Meistverkauft',
    paymentMethods: 'Zahlungsarten',
    customers: 'Neue und wiederkehrende Kunden',
    quantity: 'Menge',
    summaryText: '{{orders}} Bestellungen, Umsatz {{revenue}}.',
    kpi: {
      orders: 'Bestellungen',
      revenue: 'Umsatz',
      averageTicket: 'Durchschnittsbon',
      discounts: 'Rabatte',
      returningCustomers: 'Wiederkehrende Kunden',
      newCustomers: 'Neue Kunden',
    },
  },
};
