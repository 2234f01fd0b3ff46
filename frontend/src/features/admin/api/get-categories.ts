import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../api';
import { categoriesKey } from './keys';

export const getCategories = () => api.listCategories();

export const categoriesQueryOptions = () => queryOptions({ queryKey: categoriesKey, queryFn: getCategories });

/** Every category in sort order, empty ones included. */
export function useCategories() {
  return useQuery({
    ...categoriesQueryOptions(),
    select: (d) => [...d.categories].sort((a, b) => a.sort_order - b.sort_order),
  });
}
