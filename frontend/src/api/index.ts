import { createHttpApi } from './http';
import { SessionStore, memoryStore } from './session';
import type { CremaApi } from './transport';

export * from './types';
export { ApiError } from './errors';
export { newIdempotencyKey } from './http';
export type { CremaApi, StreamStatus } from './transport';
export type { Session } from './session';

const storage = typeof localStorage !== 'undefined' ? localStorage : memoryStore();

/** The app's one API handle. The desktop build will swap in the Tauri transport here. */
export const api: CremaApi = createHttpApi({ session: new SessionStore(storage) });
