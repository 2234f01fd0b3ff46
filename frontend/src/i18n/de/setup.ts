import type { Widen } from '../en';
import type { setup as en } from '../en/setup';

/** The first-run setup. */
export const setup: Widen<typeof en> = {
  setup: {
    title: 'Crema einrichten',
    intro: 'Willkommen! Ein paar Angaben, dann kann das Café Bestellungen annehmen. Alles lässt sich später unter Admin → Einstellungen ändern.',
    shop: 'Ihr Café',
    shopName: 'Name des Cafés',
    currency: 'Währung',
    owner: 'Inhaberkonto (Admin)',
    ownerHint: 'Mit diesem Benutzernamen und Passwort verwaltet der Inhaber Speisekarte, Personal und Einstellungen.',
    password: 'Passwort (mindestens 8 Zeichen)',
    password2: 'Passwort wiederholen',
    cashiers: 'Kassenpersonal',
    cashiersHint: 'Jede Kassenkraft meldet sich an der Kasse mit einer eigenen PIN aus 6 bis 8 Ziffern an.',
    cashierName: 'Kasse {{n}}: Name',
    cashierPin: 'Kasse {{n}}: PIN',
    addCashier: 'Weitere Kassenkraft hinzufügen',
    removeCashier: 'Kassenkraft {{n}} entfernen',
    demoMenu: 'Beispiel-Speisekarte laden (Kaffee, Tee, Gebäck; später bearbeiten oder löschen)',
    token: 'Einrichtungscode',
    tokenHint: 'Zu Ihrer Sicherheit braucht die Einrichtung den Code, den `crema serve` am Kassen-PC ausgegeben hat (der Link /setup?token=… öffnet diese Seite mit ihm).',
    errors: {
      setup_not_allowed: 'Die Einrichtung geht nur am Kassen-PC selbst, mit dem Einrichtungscode, den `crema serve` dort ausgegeben hat. Öffnen Sie den ausgegebenen Link auf diesem Computer.',
      already_set_up: 'Crema ist bereits eingerichtet.',
    },
    submit: 'Café eröffnen',
    saving: 'Wird eingerichtet …',
    fixProblems: 'Bitte die markierten Felder korrigieren.',
    invalid: {
      shopName: 'Bitte einen Namen für das Café eingeben (bis 80 Zeichen).',
      currency: 'Bitte eine Währung wählen.',
      taxRate: 'Bitte einen Steuersatz von 0 bis 100 mit höchstens zwei Nachkommastellen eingeben.',
      username: 'Bitte einen Benutzernamen ohne Leerzeichen wählen.',
      passwordShort: 'Das Passwort braucht mindestens 8 Zeichen.',
      passwordMismatch: 'Die beiden Passwörter stimmen nicht überein.',
      cashierName: 'Bitte einen Namen für die Kassenkraft eingeben.',
      cashierNameDuplicate: 'Jedes Konto braucht einen eigenen Namen.',
      pin: 'Eine PIN hat 6 bis 8 Ziffern.',
      pinDuplicate: 'Jede Kassenkraft braucht eine andere PIN.',
    },
  },
};
