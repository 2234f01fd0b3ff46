import { describe, expect, it } from 'vitest';
import { formToPrinter, printerToForm } from './lib/printer-form';

describe('printer form', () => {
  const base = { host: '192.168.1.50', port: 9100, paper_width_mm: 80 as const, auto_print: true, open_drawer_on_cash: false };
  it('round-trips the settings, trimming the host', () => {
    expect(formToPrinter({ ...printerToForm(base), host: ' 192.168.1.50 ' })).toEqual({ ok: true, settings: base });
    expect(formToPrinter({ ...printerToForm(base), host: '', paper_width_mm: 58 })).toEqual({ ok: true, settings: { ...base, host: '', paper_width_mm: 58 } });
  });
  it('refuses ports outside 1 to 65535 and hosts with spaces or a URL', () => {
    for (const port of ['0', '65536', '', '9100.5', 'abc']) expect(formToPrinter({ ...printerToForm(base), port })).toEqual({ ok: false, problems: { port: 'port' } });
    for (const host of ['my printer', 'http://10.0.0.5']) expect(formToPrinter({ ...printerToForm(base), host })).toEqual({ ok: false, problems: { host: 'host' } });
  });
});
