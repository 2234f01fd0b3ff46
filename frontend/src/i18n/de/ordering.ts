import type { Widen } from '../en';
import type { ordering as en } from '../en/ordering';

/** Ordering, shared by the counter and the kiosk: menu, cart, order, coupon, customer, receipt. */
export const ordering: Widen<typeof en> = {
  menu: { title: 'Speisekarte', categories: 'Kategorien', soldOut: 'Ausverkauft', options: 'Optionen', optionsFor: 'Optionen für {{name}}' },
  modifiers: {
    chooseExactly_one: '{{count}} wählen',
    chooseExactly_other: '{{count}} wählen',
    chooseRange: '{{min}} bis {{max}} wählen',
    chooseUpTo_one: 'optional, bis zu {{count}}',
    chooseUpTo_other: 'optional, bis zu {{count}}',
    add: 'Hinzufügen',
  },
  cart: {
    title: 'Bestellung',
    empty: 'Noch leer. Tippen Sie auf einen Artikel.',
    total: 'Summe',
    clear: 'Leeren',
    note: 'Notiz',
    noteFor: 'Notiz zu {{name}}',
    quantity: 'Menge',
    decrease: 'Eins weniger',
    increase: 'Eins mehr',
    decreaseItem: 'Ein {{name}} weniger',
    increaseItem: 'Ein {{name}} mehr',
    removeItem: '{{name}} entfernen',
  },
  order: {
    type: 'Bestellart',
    types: { takeaway: 'Zum Mitnehmen', dine_in: 'Hier essen' },
    table: 'Tisch',
    tableN: 'Tisch {{table}}',
    optional: '(optional)',
    tableMissing: 'Für „Hier essen“ bitte die Tischnummer eingeben.',
    channels: { counter: 'Kasse', kiosk: 'Kiosk', customer: 'App' },
  },
  coupon: { label: 'Gutscheincode', rejected: 'Gutschein nicht angenommen: {{message}}' },
  customers: {
    attach: 'Kunde hinzufügen',
    find: 'Kunden suchen',
    search: 'Name, Telefon oder E-Mail',
    none: 'Kein Kunde gefunden.',
    add: 'Neuer Kunde „{{name}}“',
    regular: 'Stammgast',
    detach: '{{name}} von der Bestellung entfernen',
    visits_one: '{{count}} Besuch',
    visits_other: '{{count}} Besuche',
  },
  receipt: { subtotal: 'Zwischensumme', discount: 'Rabatt', tax: 'inkl. MwSt.', thanks: 'Vielen Dank!' },
};
