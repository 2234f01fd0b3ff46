import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type PictureUpload } from '../../../api';
import { invalidateMenu } from './keys';

export const setItemImage = ({ id, picture }: { id: string; picture: PictureUpload }) => api.setItemImage(id, picture);
export const deleteItemImage = (id: string) => api.deleteItemImage(id);

/** Upload an item's picture (the server makes the tablet and counter sizes of it). */
export function useSetItemImage() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: setItemImage, onSettled: () => invalidateMenu(qc) });
}

/** Take an item's picture away. */
export function useDeleteItemImage() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: deleteItemImage, onSettled: () => invalidateMenu(qc) });
}
