/**
 * Query keys that more than one screen reads or writes, each defined once. A feature's
 * own keys are in its `features/<area>/api/keys.ts` (under these prefixes where they share one).
 */

/** The menu as tablets show it (`menu.updated` replaces it). */
export const menuKey = ['menu'] as const;
/** The shop settings (`settings.updated` replaces them). */
export const settingsKey = ['settings'] as const;
/** Every list of orders lives under this prefix (the counter's and the kitchen's are separate lists). */
export const ordersKey = ['orders'] as const;
/** The receipt printer: its status here, its settings under the same prefix (admin). */
export const printerKey = ['printer'] as const;
export const printerStatusKey = [...printerKey, 'status'] as const;
/** The desktop app's built-in LAN server. */
export const serverInfoKey = ['server-info'] as const;
/** Customer searches, one entry per search text. */
export const customersKey = ['customers'] as const;
export const customerSearchKey = (q: string) => [...customersKey, q] as const;

/** Head office's sync status. */
export const syncStatusKey = ['sync-status'] as const;
