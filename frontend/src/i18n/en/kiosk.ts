/** The kiosk: pairing a tablet, customer accounts, ordering and the order status. */
export const kiosk = {
  pair: {
    title: 'Pair this tablet',
    explain: 'Ask a manager for a pairing code (Admin → Devices) and enter its 6 digits.',
    code: 'Pairing code',
    submit: 'Pair',
    unsupported: 'This server does not offer tablet pairing yet. Use a customer account instead.',
    customerInstead: 'Order with a customer account instead',
    returnAfter: 'Back to the menu after (seconds)',
    returnAfterHint: 'How long a customer’s number stays on this tablet without a touch: {{min}} to {{max}} seconds.',
  },
  account: {
    history: 'My orders',
    noOrders: 'No orders yet.',
    title: 'Your account', register: 'Create account', signIn: 'Sign in', name: 'Name', email: 'E-mail', phone: 'Phone (optional)' },
  kiosk: {
    title: 'Order here',
    place: 'Place order',
    sending: 'Sending your order…',
    unanswered: 'Your order was sent but we did not hear back. Tap Retry: it will not be placed twice.',
    sendFailed: 'The connection dropped. Your order is safe: tap Retry.',
    retry: 'Retry',
    removedSoldOut: '{{name}} just sold out and was removed from the order.',
    yourOrder: 'Your order',
    yourNumberIs: 'Your number is',
    payAtCounter: 'please pay at the counter',
    newOrder: 'New order',
    returnIn_one: 'Back to the menu in {{count}} second.',
    returnIn_other: 'Back to the menu in {{count}} seconds.',
    state: {
      placed: 'Received — waiting for the kitchen',
      in_progress: 'Being prepared',
      ready: 'Ready! Please collect it at the counter',
      completed: 'Collected — enjoy!',
      cancelled: 'Cancelled',
    },
  },
};
