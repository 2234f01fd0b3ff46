/** The sales dashboard. */
export const reports = {
  reports: {
    title: 'Dashboard',
    from: 'From',
    to: 'To',
    exportCsv: 'Export orders (CSV)',
    failed: 'The figures could not be loaded.',
    byHour: 'Revenue by hour',
    byDay: 'Revenue by day',
    topItems: 'Top items',
    paymentMethods: 'Payment methods',
    customers: 'New and returning customers',
    quantity: 'Quantity',
    summaryText: '{{orders}} orders, revenue {{revenue}}.',
    kpi: {
      orders: 'Orders',
      revenue: 'Revenue',
      averageTicket: 'Average ticket',
      discounts: 'Discounts',
      returningCustomers: 'Returning customers',
      newCustomers: 'New customers',
    },
  },
};
