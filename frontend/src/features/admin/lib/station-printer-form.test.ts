import { describe, expect, it } from 'vitest';
import { formToStationPrinter, stationPrinterToForm } from './station-printer-form';

const view = {
  station: 'bar',
  routed: true,
  printer: { host: '10.0.0.7', port: 9101, paper_width_mm: 58 },
  status: { station: 'bar', configured: true, online: null, pending: [], last_error: null },
};

describe('station printer form', () => {
  it('round-trips a station printer', () => {
    const f = stationPrinterToForm(view);
    expect(f).toEqual({ host: '10.0.0.7', port: '9101', paper_width_mm: 58 });
    expect(formToStationPrinter({ ...f, host: ' 10.0.0.8 ' })).toEqual({
      ok: true,
      printer: { host: '10.0.0.8', port: 9101, paper_width_mm: 58 },
    });
  });

  it('takes an empty host (no printer) and refuses addresses with a scheme or port', () => {
    expect(formToStationPrinter({ host: '', port: '9100', paper_width_mm: 80 }).ok).toBe(true);
    for (const host of ['http://10.0.0.7', '10.0.0.7:9100', 'two words']) {
      expect(formToStationPrinter({ host, port: '9100', paper_width_mm: 80 })).toEqual({ ok: false, problems: { host: 'host' } });
    }
    expect(formToStationPrinter({ host: 'bar.local', port: '0', paper_width_mm: 80 })).toEqual({ ok: false, problems: { port: 'port' } });
  });
});
