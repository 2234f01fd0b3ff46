/** The kitchen stations' printers (admin panel, notifications). */
export const printing = {
  stationPrinters: {
    title: 'Station printers',
    intro: 'A kitchen station can have its own printer: when an order reaches the kitchen, it prints a ticket with only that station’s items.',
    none: 'No category is routed to a station yet. Set a station on a category in the menu first.',
    station: 'Station: {{station}}',
    unrouted: 'No category is routed to this station any more.',
    hostHint: 'Leave empty when this station has no printer.',
    saved: 'Printer of the {{station}} station saved.',
    testQueued: 'Test page queued.',
    pending_one: '{{count}} ticket waiting',
    pending_other: '{{count}} tickets waiting',
    offlineNotice: 'The printer of the {{station}} station is offline.',
  },
};
