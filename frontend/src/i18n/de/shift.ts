import type { Widen } from '../en';
import type { shift as en } from '../en/shift';

/** The till's shift at the counter: float, cash in and out, the X report, closing with the count. */
export const shift: Widen<typeof en> = {
  shift: {
    button: 'Schicht',
    none: 'Keine Schicht offen',
    noneHint: 'Keine Schicht offen: Verkaufen geht trotzdem, aber Bargeld wird nur in einer Schicht gezählt.',
    title: 'Schicht — X-Bericht',
    openTitle: 'Schicht öffnen',
    openExplain: 'Zählen Sie das Bargeld in der Kasse und geben Sie es als Wechselgeld ein.',
    float: 'Wechselgeld zu Beginn',
    open: 'Schicht öffnen',
    openedToast: 'Schicht mit {{amount}} Wechselgeld geöffnet.',
    openSince: 'Offen seit',
    cashSales: 'Bar aus Verkäufen (nach Rückgeld und Erstattungen)',
    cashIn: 'Einlage',
    cashOut: 'Entnahme',
    expected: 'Soll-Bestand in der Kasse',
    expectedSoFar: 'Soll-Bestand in der Kasse jetzt',
    counted: 'Gezählt',
    difference: 'Differenz',
    print: 'X-Bericht drucken',
    printedToast: 'X-Bericht an den Drucker gesendet.',
    move: {
      inTitle: 'Bargeld in die Kasse legen',
      outTitle: 'Bargeld aus der Kasse nehmen',
      amount: 'Betrag',
      reason: 'Grund (Pflichtfeld)',
      inDone: '{{amount}} in die Kasse gelegt.',
      outDone: '{{amount}} aus der Kasse genommen.',
    },
    close: 'Schicht schließen',
    closeTitle: 'Schicht schließen',
    closeExplain: 'Zählen Sie das gesamte Bargeld in der Kasse und geben Sie die Summe ein.',
    countedCash: 'Gezähltes Bargeld',
    closedTitle: 'Schicht geschlossen',
    closedExplain: 'Gezählt minus Soll. Ein Fehlbetrag ist rot.',
    errors: {
      shift_open: 'An dieser Kasse ist schon eine Schicht offen.',
      no_open_shift: 'Es ist keine Schicht mehr offen (vielleicht wurde sie an einem anderen Gerät geschlossen).',
      printer_not_configured: 'Es ist kein Bondrucker eingerichtet. Ein Admin richtet ihn unter Admin → Drucker ein.',
      invalid_request: 'Prüfen Sie den Betrag (mehr als null) und den Grund (1 bis 200 Zeichen).',
    },
  },
};
