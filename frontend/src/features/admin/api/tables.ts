import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type TableInput, type TablePatch } from '../../../api';
import { tablesKey } from './keys';

export const getTables = () => api.listTables();

export const tablesQueryOptions = () => queryOptions({ queryKey: tablesKey, queryFn: getTables });

/** The shop's tables in their order, each with the code its QR code carries. */
export function useTables() {
  return useQuery(tablesQueryOptions());
}

export const createTable = (t: TableInput) => api.createTable(t);
export const updateTable = ({ id, patch }: { id: string; patch: TablePatch }) => api.updateTable(id, patch);
export const deleteTable = (id: string) => api.deleteTable(id);

/** Adding, changing (a new code too) and deleting: the list refetches afterwards, failed or not. */
export function useCreateTable() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: createTable, onSettled: () => qc.invalidateQueries({ queryKey: tablesKey }) });
}

export function useUpdateTable() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: updateTable, onSettled: () => qc.invalidateQueries({ queryKey: tablesKey }) });
}

export function useDeleteTable() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: deleteTable, onSettled: () => qc.invalidateQueries({ queryKey: tablesKey }) });
}

/**
 * The tables' QR codes as a PDF. In a browser the codes point where this page was loaded from
 * (the address phones on the shop network reach too); in the desktop app the server picks its
 * own shop-network address.
 */
export function useTablesSheet() {
  return useMutation({ mutationFn: (base: string | undefined) => api.tablesSheet(base) });
}
