/**
 * How long to wait, in words of the locale: under a minute in seconds ("45 seconds"),
 * otherwise in whole minutes rounded up ("299 s" is "5 minutes", "5 Minuten").
 */
export function waitText(seconds: number, locale: string): string {
  const s = Math.max(1, Math.ceil(seconds));
  const [n, unit] = s < 60 ? [s, 'second'] : [Math.ceil(s / 60), 'minute'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(n);
}
