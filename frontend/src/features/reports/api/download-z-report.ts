import { useMutation } from '@tanstack/react-query';
import { api, type ReportFormat } from '../../../api';
import { saveFile } from '../../../ui';

/** Whether this build can fetch the report as a file (over HTTP; not in the desktop app). */
export const canDownloadZReport = api.zReportFile !== undefined;

export async function downloadZReport({ date, format }: { date: string; format: ReportFormat }) {
  if (!api.zReportFile) return;
  saveFile(await api.zReportFile(date, format), `crema-z-report-${date}.${format}`);
}

/** Downloads the Z report of a day as CSV or PDF. */
export function useDownloadZReport() {
  return useMutation({ mutationFn: downloadZReport });
}
