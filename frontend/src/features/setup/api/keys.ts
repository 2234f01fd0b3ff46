/** Whether the shop still needs its first-run setup (read once by the app shell). */
export const setupStatusKey = ['setup-status'] as const;
