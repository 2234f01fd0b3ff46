import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../api';
import { modifierGroupsKey } from './keys';

export const getModifierGroups = () => api.listModifierGroups();

export const modifierGroupsQueryOptions = () => queryOptions({ queryKey: modifierGroupsKey, queryFn: getModifierGroups });

/** The library of modifier groups, by name, each with the items that have it. */
export function useModifierGroups() {
  return useQuery({ ...modifierGroupsQueryOptions(), select: (d) => d.modifier_groups });
}
