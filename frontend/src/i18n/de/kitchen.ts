import type { Widen } from '../en';
import type { kitchen as en } from '../en/kitchen';

/** The kitchen board. */
export const kitchen: Widen<typeof en> = {
  kitchen: {
    title: 'Küche',
    placed: 'Neu',
    inProgress: 'In Arbeit',
    ready: 'Fertig',
    recall: 'Zurückholen',
    notPaid: 'Nicht bezahlt',
    backTo: 'Bestellung {{number}}: zurück zu {{column}}',
    offline: 'Offline – verbinde neu. Neue Bestellungen erscheinen, sobald die Verbindung steht.',
    minutes_one: '{{count}} Min.',
    minutes_other: '{{count}} Min.',
    ticketLabel: 'Bestellung {{number}}: {{action}}',
    action: { placed: 'tippen zum Starten', in_progress: 'tippen, wenn fertig', ready: 'tippen zum Entfernen vom Monitor', completed: '', cancelled: '' },
    stations: 'Stationen',
    allStations: 'Alle',
    stationTitle: 'Küchenstation {{station}}',
    toMake: 'Zuzubereiten',
    made: 'Fertig',
    bumpAll: 'Erledigt',
    bumpAllLabel: 'Erledigt: Bestellung {{number}}, alle Positionen fertig',
    lineState: '({{state}})',
    lineToMake: 'tippen, wenn fertig',
    lineMade: 'fertig, tippen zum Neu-Zubereiten',
    recallOrder: 'Zurückholen',
    recallOrderLabel: 'Zurückholen: Bestellung {{number}}',
    readyBy: 'fertig um {{time}}',
    nothing: 'Nichts zuzubereiten.',
    otherStations: 'anderswo: {{lines}}',
  },
};
