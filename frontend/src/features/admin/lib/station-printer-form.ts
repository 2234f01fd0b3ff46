import type { StationPrinter, StationPrinterView } from '../../../api';
import type { PrinterProblem } from './printer-form';

/** A station printer's form: the port as text until saved. */
export interface StationPrinterForm {
  host: string;
  port: string;
  paper_width_mm: 58 | 80;
}

export function stationPrinterToForm(v: StationPrinterView): StationPrinterForm {
  return {
    host: v.printer.host,
    port: String(v.printer.port ?? 9100),
    paper_width_mm: v.printer.paper_width_mm === 58 ? 58 : 80,
  };
}

/** Checked as the server checks it; an empty host removes the station's printer. */
export function formToStationPrinter(
  f: StationPrinterForm,
): { ok: true; printer: StationPrinter } | { ok: false; problems: Partial<Record<'host' | 'port', PrinterProblem>> } {
  const problems: Partial<Record<'host' | 'port', PrinterProblem>> = {};
  const host = f.host.trim();
  // `host:port` (one colon) is refused; an IPv6 address has several.
  const hostAndPort = /^[^:]+:\d+$/.test(host);
  if (host.length > 253 || /[\s/]/.test(host) || hostAndPort) problems.host = 'host';
  const port = /^\d{1,5}$/.test(f.port.trim()) ? Number.parseInt(f.port.trim(), 10) : NaN;
  if (!(port >= 1 && port <= 65535)) problems.port = 'port';
  if (Object.keys(problems).length) return { ok: false, problems };
  return { ok: true, printer: { host, port, paper_width_mm: f.paper_width_mm } };
}
