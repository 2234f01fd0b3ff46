import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type StationPrinter, type StationPrinterView } from '../../../api';
import type { CacheEventHandler } from '../../../api/hooks';
import { printerKey } from '../../../api/keys';

/** The stations with their printers and queues (admin). */
export const stationPrintersKey = [...printerKey, 'stations'] as const;

export const stationPrintersQueryOptions = () =>
  queryOptions({ queryKey: stationPrintersKey, queryFn: () => api.listStationPrinters(), retry: false });

/** The kitchen stations and their printers; kept current from `printer.station_status`. */
export function useStationPrinters() {
  return useQuery({ ...stationPrintersQueryOptions(), refetchInterval: 30_000 });
}

/** Puts `printer.station_status` into the stations' list; refetches it after a `resync`. */
export const applyStationPrinterEvent: CacheEventHandler = (qc, e) => {
  if (e.type === 'printer.station_status') {
    const status = e.status;
    qc.setQueryData<StationPrinterView[]>(stationPrintersKey, (list) =>
      list?.map((v) => (v.station === status.station ? { ...v, status } : v)),
    );
  }
  if (e.type === 'resync') void qc.invalidateQueries({ queryKey: stationPrintersKey });
};

/** Saves one station's printer (an empty host removes it). */
export function useUpdateStationPrinter() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ station, printer }: { station: string; printer: StationPrinter }) => api.updateStationPrinter(station, printer),
    onSuccess: (view) => {
      qc.setQueryData<StationPrinterView[]>(stationPrintersKey, (list) => list?.map((v) => (v.station === view.station ? view : v)));
    },
  });
}

/** Queues a test page on a station's printer. */
export function usePrintStationTestPage() {
  return useMutation({ mutationFn: (station: string) => api.printStationTestPage(station) });
}
