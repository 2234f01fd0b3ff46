import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../api';
import { usersKey } from './keys';

export const getUsers = () => api.listUsers();

export const usersQueryOptions = () => queryOptions({ queryKey: usersKey, queryFn: getUsers });

export function useUsers() {
  return useQuery(usersQueryOptions());
}
