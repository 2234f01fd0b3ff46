import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../api';
import { devicesKey } from './keys';

export const getDevices = () => api.listDevices();

export const devicesQueryOptions = () => queryOptions({ queryKey: devicesKey, queryFn: getDevices });

/** The paired tablets, revoked ones included. */
export function useDevices() {
  return useQuery(devicesQueryOptions());
}
