/** One order, as the customer who placed it follows it. */
export const orderKey = (id: string) => ['order', id] as const;
/** The signed-in customer's own orders. */
export const myOrdersKey = ['my-orders'] as const;
/** The approved feedback the kiosk shows. */
export const publicFeedbackKey = ['feedback', 'public'] as const;
