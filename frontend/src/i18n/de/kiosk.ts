import type { Widen } from '../en';
import type { kiosk as en } from '../en/kiosk';

/** The kiosk: pairing a tablet, customer accounts, ordering and the order status. */
export const kiosk: Widen<typeof en> = {
  pair: {
    title: 'Tablet koppeln',
    explain: 'Lassen Sie sich einen Kopplungscode geben (Admin → Geräte) und geben Sie die 6 Ziffern ein.',
    terminalPaired: 'Dieses Gerät ist jetzt ein Personal-Terminal: Kassenkräfte melden sich darauf mit ihrer PIN an.',
    errors: {
      invalid_pairing_code: 'Dieser Kopplungscode ist falsch oder abgelaufen. Bitte einen neuen geben lassen.',
      setup_required: 'Crema ist noch nicht eingerichtet. Bitte zuerst die Einrichtung am Kassen-PC abschließen.',
    },
    code: 'Kopplungscode',
    submit: 'Koppeln',
    unsupported: 'Dieser Server bietet noch keine Tablet-Kopplung an. Bitte ein Kundenkonto verwenden.',
    customerInstead: 'Stattdessen mit Kundenkonto bestellen',
    returnAfter: 'Zurück zur Speisekarte nach (Sekunden)',
    returnAfterHint: 'So lange bleibt die Nummer eines Gastes ohne Berührung auf diesem Tablet: {{min}} bis {{max}} Sekunden.',
  },
  account: {
    loyalty: {
      title: 'Ihre Vorteile',
      spent: 'Bisher ausgegeben',
      tier: 'Ihr Rabatt',
      noTier: 'Noch keiner',
      tierOff: '{{percent}} % auf jede Bestellung',
      next: 'Nächste Stufe',
      nextOff: '{{percent}} % ab',
      points: 'Punkte',
    },
    history: 'Meine Bestellungen',
    noOrders: 'Noch keine Bestellungen.',
    title: 'Ihr Konto', register: 'Konto anlegen', signIn: 'Anmelden', name: 'Name', email: 'E-Mail', phone: 'Telefon (optional)' },
  kiosk: {
    title: 'Hier bestellen',
    place: 'Bestellen',
    sending: 'Bestellung wird gesendet …',
    unanswered: 'Ihre Bestellung wurde gesendet, aber keine Antwort kam an. Tippen Sie auf „Erneut senden“ – sie wird nicht doppelt angelegt.',
    errors: {
      too_many_open_orders: 'Von hier gibt es schon mehrere unbezahlte Bestellungen. Bitte bezahlen Sie diese zuerst an der Kasse.',
      table_required: 'Bitte geben Sie zum Hieressen Ihre Tischnummer ein.',
    },
    sendFailed: 'Die Verbindung ist abgebrochen. Ihre Bestellung ist sicher: bitte „Erneut senden“ tippen.',
    retry: 'Erneut senden',
    removedSoldOut: '{{name}} ist gerade ausverkauft und wurde aus der Bestellung entfernt.',
    yourOrder: 'Ihre Bestellung',
    yourNumberIs: 'Ihre Nummer ist',
    payAtCounter: 'bitte an der Kasse bezahlen',
    newOrder: 'Neue Bestellung',
    viewOrder_one: 'Ihre Bestellung: {{count}} Artikel',
    viewOrder_other: 'Ihre Bestellung: {{count}} Artikel',
    backToMenu: 'Zurück zur Speisekarte',
    returnIn_one: 'Zurück zur Speisekarte in {{count}} Sekunde.',
    returnIn_other: 'Zurück zur Speisekarte in {{count}} Sekunden.',
    state: {
      placed: 'Eingegangen – wartet auf die Küche',
      in_progress: 'Wird zubereitet',
      ready: 'Fertig! Bitte an der Theke abholen',
      completed: 'Abgeholt – guten Appetit!',
      cancelled: 'Storniert',
    },
  },
};
