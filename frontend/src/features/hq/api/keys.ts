/** Everything head office's screens cache, under one key (dropped on sign-out). */
export const hqKey = ['hq'] as const;
export const reportsKey = [...hqKey, 'reports'] as const;
export const dailyKey = (from: string, to: string) => [...reportsKey, 'daily', from, to] as const;
export const itemsKey = (from: string, to: string) => [...reportsKey, 'items', from, to] as const;
export const paymentsKey = (from: string, to: string) => [...reportsKey, 'payments', from, to] as const;
export const shopsKey = [...hqKey, 'shops'] as const;
export const menuKey = [...hqKey, 'menu'] as const;
export const versionsKey = [...menuKey, 'versions'] as const;
