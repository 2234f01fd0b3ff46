import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { hq } from './client';
import { menuKey, shopsKey, versionsKey } from './keys';
import { usePollMs } from './live';

/** The master menu: the draft, where it came from, the version published. */
export function useMasterMenu() {
  return useQuery({ queryKey: menuKey, queryFn: hq.menu, refetchInterval: usePollMs() });
}

/** Every version published, and which one each shop runs. */
export function useMenuVersions(enabled = true) {
  return useQuery({ queryKey: versionsKey, queryFn: hq.menuVersions, enabled, refetchInterval: usePollMs() });
}

/** Takes a shop's menu as the new draft. */
export function useImportMenu() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: hq.importMenu,
    onSuccess: (state) => qc.setQueryData(menuKey, state),
  });
}

/** Publishes the draft as the next version, for every shop to apply. */
export function usePublishMenu() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: hq.publishMenu,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: menuKey });
      void qc.invalidateQueries({ queryKey: shopsKey });
    },
  });
}
