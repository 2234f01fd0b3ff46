import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type ShopSettings } from '../../../api';
import { settingsKey } from '../../../api/keys';

export const updateSettings = (s: ShopSettings) => api.updateSettings(s);

export function useUpdateSettings() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: updateSettings, onSuccess: (s) => qc.setQueryData(settingsKey, s) });
}
