import type { PictureUpload } from '../../../api';

/** The largest picture the server takes: 5 MiB. */
export const MAX_PICTURE_BYTES = 5 * 1024 * 1024;

/** The file types the file picker offers (the bytes decide, not the name). */
export const PICTURE_ACCEPT = 'image/jpeg,image/png,image/webp';

/** What a file is by its first bytes: a JPEG, PNG or WebP, or null for anything else. */
export function sniffPicture(head: Uint8Array): PictureUpload['type'] | null {
  const at = (i: number, bytes: number[]) => bytes.every((b, k) => head[i + k] === b);
  if (at(0, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (at(0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (at(0, [0x52, 0x49, 0x46, 0x46]) && at(8, [0x57, 0x45, 0x42, 0x50])) return 'image/webp';
  return null;
}

export type PictureCheck = { ok: true; type: PictureUpload['type'] } | { ok: false; problem: 'empty' | 'too_large' | 'not_a_picture' };

/**
 * The checks made before uploading, so the admin hears at once: not empty, at most 5 MiB,
 * and a JPEG, PNG or WebP by its bytes. The type sent is the one the bytes are, whatever
 * the file's name or the browser's guess says (the server refuses a label that disagrees).
 */
export function checkPicture(size: number, head: Uint8Array): PictureCheck {
  if (size === 0) return { ok: false, problem: 'empty' };
  if (size > MAX_PICTURE_BYTES) return { ok: false, problem: 'too_large' };
  const type = sniffPicture(head);
  return type ? { ok: true, type } : { ok: false, problem: 'not_a_picture' };
}

/** The first bytes of a file, enough to tell its type. */
export async function fileHead(file: Blob): Promise<Uint8Array> {
  return new Uint8Array(await file.slice(0, 16).arrayBuffer());
}
