import { useQuery } from '@tanstack/react-query';
import { customersQueryOptions } from '../../../api/queries/get-customers';

/** The customer picker's search (while its dialog is open). */
export function useCustomers(q: string, enabled: boolean) {
  return useQuery({ ...customersQueryOptions(q), enabled });
}
