import { ordersKey } from '../../../api/keys';

/** The board's open orders (patched in place from events, apart from the counter's list). */
export const openOrdersKey = [...ordersKey, 'open'] as const;
