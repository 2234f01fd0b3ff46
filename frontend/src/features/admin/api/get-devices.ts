import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../api';
import { devicesKey } from './keys';

export const getDevices = () => api.listDevices();

export const devicesQueryOptions = () => queryOptions({ queryKey: devicesKey, queryFn: getDevices });

/** The paired tablets, revoked ones included; asked every few seconds while a code waits to be used. */
export function useDevices({ waiting = false }: { waiting?: boolean } = {}) {
  return useQuery({ ...devicesQueryOptions(), refetchInterval: waiting ? 3000 : false });
}
