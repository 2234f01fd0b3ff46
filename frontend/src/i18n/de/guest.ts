import type { guest as en } from '../en/guest';
import type { Widen } from '../en';

/** Gäste, die am Tisch mit dem eigenen Handy bestellen (`/t/<code>`, der QR-Code des Tisches). */
export const guest: Widen<typeof en> = {
  guest: {
    title: 'Tisch {{table}}',
    titleNoTable: 'Am Tisch bestellen',
    where: 'Sie bestellen für Tisch {{table}}. Ganz ohne Konto.',
    whereArea: 'Sie bestellen für Tisch {{table}} ({{area}}). Ganz ohne Konto.',
    views: 'Speisekarte und Ihre Bestellungen',
    yourOrders: 'Ihre Bestellungen',
    yourOrdersCount_one: 'Ihre Bestellung ({{count}})',
    yourOrdersCount_other: 'Ihre Bestellungen ({{count}})',
    orderMore: 'Noch etwas bestellen',
    place: 'An Tisch {{table}} bestellen',
    number: 'Bestellnummer',
    payAtCounter: 'bitte an der Kasse bezahlen',
    state: {
      awaiting: 'Gesendet – wartet auf die Bestätigung durch das Personal',
      placed: 'Eingegangen – wartet auf die Küche',
      in_progress: 'Wird zubereitet',
      ready: 'Fertig! Sie kommt gleich an Tisch {{table}}',
      completed: 'Serviert – guten Appetit!',
      cancelled: 'Storniert – bitte fragen Sie das Personal',
    },
    errors: {
      unknown_table_code: 'Der QR-Code dieses Tisches gilt nicht mehr. Bitte fragen Sie das Personal.',
      table_order_limit: 'An Ihrem Tisch sind schon mehrere Bestellungen unbezahlt. Bitte bezahlen Sie diese zuerst an der Kasse.',
      too_many_open_orders: 'An Ihrem Tisch sind schon mehrere Bestellungen unbezahlt. Bitte bezahlen Sie diese zuerst an der Kasse.',
      rate_limited: 'Zu viele Versuche von diesem Handy. Bitte warten Sie eine Minute und versuchen Sie es erneut.',
    },
  },
};
