/** The sales summary, one entry per date range. */
export const summaryKey = ['summary'] as const;
export const summaryRangeKey = (from: string, to: string) => [...summaryKey, from, to] as const;
/** The Z report, one entry per business day. */
export const zReportKey = ['z-report'] as const;
export const zReportDayKey = (date: string) => [...zReportKey, date] as const;
