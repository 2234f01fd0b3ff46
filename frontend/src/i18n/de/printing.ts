import type { Widen } from '../en';
import type { printing as en } from '../en/printing';

/** Die Drucker der Küchenstationen (Verwaltung, Benachrichtigungen). */
export const printing: Widen<typeof en> = {
  stationPrinters: {
    title: 'Stationsdrucker',
    intro: 'Eine Küchenstation kann einen eigenen Drucker haben: Sobald eine Bestellung in die Küche geht, druckt er einen Bon nur mit den Artikeln dieser Station.',
    none: 'Noch keine Kategorie ist einer Station zugeordnet. Bitte zuerst im Menü einer Kategorie eine Station geben.',
    station: 'Station „{{station}}“',
    unrouted: 'Keine Kategorie ist dieser Station mehr zugeordnet.',
    hostHint: 'Leer lassen, wenn diese Station keinen Drucker hat.',
    saved: 'Drucker der Station {{station}} gespeichert.',
    testQueued: 'Testseite in die Warteschlange gestellt.',
    pending_one: '{{count}} Bon wartet',
    pending_other: '{{count}} Bons warten',
    offlineNotice: 'Der Drucker der Station {{station}} ist offline.',
  },
};
