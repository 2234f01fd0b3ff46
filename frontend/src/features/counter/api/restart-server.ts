import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { DesktopApi } from '../../../api';
import { serverInfoKey } from '../../../api/keys';

/** Starts the built-in server again on another port; the answer is its new state. */
export function useRestartServer(desktop: DesktopApi) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (port: number) => desktop.restartServer(port),
    onSuccess: (i) => qc.setQueryData(serverInfoKey, i),
  });
}
