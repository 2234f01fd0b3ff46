import type { Widen } from '../en';
import type { common as en } from '../en/common';
import { serverErrors } from './errors';

/** Shared by every screen: the app, common words, sign-in, errors, the home page. */
export const common: Widen<typeof en> = {
  app: { name: 'Crema' },
  common: {
    backspace: 'Letzte Ziffer löschen',
    clear: 'Leeren',
    decimalKey: 'Komma',
    switchLanguage: 'English',
    cancel: 'Abbrechen',
    loading: 'Wird geladen …',
    done: 'Fertig',
    back: 'Zurück',
  },
  cash: { short: 'Fehlbetrag {{amount}}', over: 'Überschuss {{amount}}', exact: 'Stimmt genau: keine Differenz' },
  status: { stream: { connecting: 'Verbinde …', online: 'Live', offline: 'Offline' } },
  roles: { admin: 'Admin', cashier: 'Kasse', kitchen: 'Küche', kiosk: 'Kiosk', customer: 'Kunde' },
  auth: {
    title: 'Anmelden',
    signIn: 'Anmelden',
    signOut: 'Abmelden',
    method: 'Anmeldeart',
    username: 'Benutzername',
    password: 'Passwort',
    pin: 'PIN',
    pinEntered_one: '{{count}} Ziffer eingegeben',
    pinEntered_other: '{{count}} Ziffern eingegeben',
    invalidCredentials: 'Benutzername und Passwort passen nicht. Bitte erneut versuchen.',
    invalidPin: 'Diese PIN stimmt nicht. Bitte erneut versuchen.',
    locked: 'Zu viele falsche Versuche. Bitte in {{time}} erneut versuchen.',
    lockedNow: 'Zu viele falsche Versuche. Bitte ein paar Minuten warten und erneut versuchen.',
    sessionEnded: 'Ihre Sitzung ist beendet. Bitte melden Sie sich erneut an.',
    wrongRole: 'Sie sind als {{role}} angemeldet und können diese Ansicht nicht öffnen. Bitte abmelden und mit einem anderen Konto anmelden.',
    pinNotAllowed: 'Die PIN-Anmeldung geht nur am Kassen-PC und auf Personal-Terminals, die ein Admin gekoppelt hat. Melden Sie sich hier mit Benutzername und Passwort an.',
    terminal: 'Personal-Terminal: Melden Sie sich mit Ihrer PIN an.',
    pairTerminal: 'Dieses Gerät als Personal-Terminal koppeln',
    setupDone: 'Crema ist eingerichtet. Kassenkräfte melden sich hier mit ihrer PIN an, der Inhaber über den Reiter Passwort.',
  },
  errors: {
    network: 'Der Server ist nicht erreichbar. Bitte Netzwerk prüfen und erneut versuchen.',
    menu: 'Die Speisekarte konnte nicht geladen werden.',
    order: 'Diese Bestellung konnte nicht geladen werden.',
    ...serverErrors,
  },
  home: { title: 'Ansicht wählen', counter: 'Kasse', kitchen: 'Küchenmonitor', kiosk: 'Bestellterminal', pair: 'Tablet koppeln' },
};
