import { createHttpApi } from './http';
import { SessionStore, TERMINAL_KEY, memoryStore } from './session';
import { createTauriApi } from './tauri';
import type { CremaApi } from './transport';

export * from './types';
export { ApiError } from './errors';
export type { ErrorCode, ServerErrorCode } from './errors';
export { newIdempotencyKey } from './http';
export type { CremaApi, DesktopApi, NotificationPage, PictureUpload, ReportFormat, StreamStatus } from './transport';
export type { Session } from './session';

/** True inside the desktop app (a Tauri webview), false in a browser. */
export function isTauri(w: object | undefined = typeof window !== 'undefined' ? window : undefined): boolean {
  return w !== undefined && '__TAURI_INTERNALS__' in w;
}

/** Tauri `invoke` in the desktop app, fetch over HTTP everywhere else; the same CremaApi either way. */
export function selectApi(session: SessionStore, tauri: boolean = isTauri(), terminal?: SessionStore): CremaApi {
  return tauri ? createTauriApi({ session }) : createHttpApi({ session, terminal });
}

const storage = typeof localStorage !== 'undefined' ? localStorage : memoryStore();

/** The app's one API handle. */
export const api: CremaApi = selectApi(new SessionStore(storage), isTauri(), new SessionStore(storage, Date.now, TERMINAL_KEY));

/** What only the desktop app can do (its LAN server, updates); undefined in a browser. */
export const desktop = api.desktop;
