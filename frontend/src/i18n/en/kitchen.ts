/** The kitchen board. */
export const kitchen = {
  kitchen: {
    title: 'Kitchen',
    placed: 'New',
    inProgress: 'In progress',
    ready: 'Ready',
    recall: 'Recall',
    notPaid: 'Not paid',
    backTo: 'Order {{number}}: back to {{column}}',
    offline: 'Offline — reconnecting. New orders will appear when the connection is back.',
    minutes_one: '{{count}} min',
    minutes_other: '{{count}} min',
    ticketLabel: 'Order {{number}}: {{action}}',
    action: { placed: 'tap to start', in_progress: 'tap when ready', ready: 'tap to clear from the board', completed: '', cancelled: '' },
  },
};
