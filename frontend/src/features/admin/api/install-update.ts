import { useMutation } from '@tanstack/react-query';
import type { DesktopApi } from '../../../api';

/** Downloads and installs the update, then the app restarts. */
export function useInstallUpdate(desktop: DesktopApi) {
  return useMutation({ mutationFn: () => desktop.installUpdate() });
}
