import { useQuery } from '@tanstack/react-query';
import { desktop } from '../api';
import { serverInfoKey } from '../api/keys';

/**
 * Where item pictures (`/images/<hash>.jpg`) are fetched from: the page's own server in a
 * browser (''), the desktop app's built-in server inside it (its web view has no server of
 * its own); null while that is not known or not running (no pictures are shown then).
 */
export function usePictureBase(): string | null {
  const info = useQuery({
    queryKey: serverInfoKey,
    queryFn: () => desktop!.serverInfo(),
    enabled: desktop !== undefined,
    staleTime: 60_000,
    retry: false,
  });
  if (!desktop) return '';
  return pictureBase(info.data?.running ? info.data.urls : []);
}

/** The base to fetch pictures from among the server's addresses: this computer's own first. */
export function pictureBase(urls: string[]): string | null {
  const url = urls.find((u) => /^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(u)) ?? urls[0];
  return url ? url.replace(/\/+$/, '') : null;
}
