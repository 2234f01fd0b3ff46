/** A guest ordering at their table from their own phone (`/t/<code>`, the table's QR code). */
export const guest = {
  guest: {
    title: 'Table {{table}}',
    titleNoTable: 'Order at your table',
    where: 'You are ordering for table {{table}}. No account needed.',
    whereArea: 'You are ordering for table {{table}} ({{area}}). No account needed.',
    views: 'Menu and your orders',
    yourOrders: 'Your orders',
    yourOrdersCount_one: 'Your order ({{count}})',
    yourOrdersCount_other: 'Your orders ({{count}})',
    orderMore: 'Order something else',
    place: 'Order to table {{table}}',
    number: 'Order number',
    payAtCounter: 'please pay at the counter',
    state: {
      awaiting: 'Sent — waiting for the staff to confirm it',
      placed: 'Received — waiting for the kitchen',
      in_progress: 'Being prepared',
      ready: 'Ready! It is on its way to table {{table}}',
      completed: 'Served — enjoy!',
      cancelled: 'Cancelled — please ask the staff',
    },
    errors: {
      unknown_table_code: 'This table’s QR code is no longer valid. Please ask the staff for help.',
      table_order_limit: 'Your table already has several unpaid orders. Please pay for those at the counter before ordering more.',
      too_many_open_orders: 'Your table already has several unpaid orders. Please pay for those at the counter before ordering more.',
      rate_limited: 'Too many tries from this phone. Please wait a minute and try again.',
    },
  },
};
