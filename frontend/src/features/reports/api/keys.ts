/** The sales summary, one entry per date range. */
export const summaryKey = ['summary'] as const;
export const summaryRangeKey = (from: string, to: string) => [...summaryKey, from, to] as const;
