import type { PrinterSettings } from '../../../api';

/** The printer form: the port as text until saved. */
export interface PrinterForm {
  host: string;
  port: string;
  paper_width_mm: 58 | 80;
  auto_print: boolean;
  open_drawer_on_cash: boolean;
}

/** i18n keys under `admin.printer.invalid` */
export type PrinterProblem = 'host' | 'port';

export function printerToForm(s: PrinterSettings): PrinterForm {
  return {
    host: s.host,
    port: String(s.port ?? 9100),
    paper_width_mm: s.paper_width_mm === 58 ? 58 : 80,
    auto_print: s.auto_print ?? false,
    open_drawer_on_cash: s.open_drawer_on_cash ?? false,
  };
}

/** An empty host means "no network printer" (receipts use the system print dialog). */
export function formToPrinter(f: PrinterForm): { ok: true; settings: PrinterSettings } | { ok: false; problems: Partial<Record<'host' | 'port', PrinterProblem>> } {
  const problems: Partial<Record<'host' | 'port', PrinterProblem>> = {};
  const host = f.host.trim();
  if (host.length > 253 || /[\s/]/.test(host)) problems.host = 'host';
  const port = /^\d{1,5}$/.test(f.port.trim()) ? Number.parseInt(f.port.trim(), 10) : NaN;
  if (!(port >= 1 && port <= 65535)) problems.port = 'port';
  if (Object.keys(problems).length) return { ok: false, problems };
  return { ok: true, settings: { host, port, paper_width_mm: f.paper_width_mm, auto_print: f.auto_print, open_drawer_on_cash: f.open_drawer_on_cash } };
}
