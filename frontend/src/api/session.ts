import type { Role } from './types';

/**
 * What a sign-in or a refresh answers: the shop's `TokenPair`, or head office's (role
 * `owner`); `R` is the roles the server has.
 */
export interface Tokens<R extends string = Role> {
  access_token: string;
  refresh_token: string;
  /** Seconds until the access token expires. */
  expires_in: number;
  role: R;
  name?: string | null;
}

/** What the browser keeps of a sign-in. */
export interface Session<R extends string = Role> {
  accessToken: string;
  refreshToken: string;
  role: R;
  /** ms since epoch when the access token expires */
  expiresAt: number;
  /** display name, when known (username or e-mail) */
  name?: string;
}

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const KEY = 'crema.session';
/** Where a paired staff terminal keeps its own (device) sign-in, apart from the staff member's. */
export const TERMINAL_KEY = 'crema.terminal';

export function memoryStore(): KeyValueStore {
  const m = new Map<string, string>();
  return {
    getItem: (k) => m.get(k) ?? null,
    setItem: (k, v) => void m.set(k, v),
    removeItem: (k) => void m.delete(k),
  };
}

export type SessionEndReason = 'signed_out' | 'expired';
type Listener<R extends string> = (s: Session<R> | null, reason?: SessionEndReason) => void;

/** Token storage (localStorage in a browser) with change notification. */
export class SessionStore<R extends string = Role> {
  private listeners = new Set<Listener<R>>();
  private readonly store: KeyValueStore;
  private readonly now: () => number;
  private readonly key: string;
  constructor(store: KeyValueStore, now: () => number = Date.now, key: string = KEY) {
    this.store = store;
    this.now = now;
    this.key = key;
  }

  /** The key the sign-in is kept under (another tab's change to it is a sign-in change here). */
  get storageKey(): string {
    return this.key;
  }

  get(): Session<R> | null {
    const raw = this.store.getItem(this.key);
    if (!raw) return null;
    try {
      return JSON.parse(raw) as Session<R>;
    } catch {
      return null;
    }
  }

  setFromTokens(t: Tokens<R>, name?: string): Session<R> {
    const prev = this.get();
    const s: Session<R> = {
      accessToken: t.access_token,
      refreshToken: t.refresh_token,
      role: t.role,
      expiresAt: this.now() + t.expires_in * 1000,
      name: name ?? t.name ?? prev?.name,
    };
    this.store.setItem(this.key, JSON.stringify(s));
    this.emit(s);
    return s;
  }

  clear(reason: SessionEndReason = 'signed_out'): void {
    this.store.removeItem(this.key);
    this.emit(null, reason);
  }

  /** True when the access token is missing or expires within 30 s. */
  isStale(s: Session<R>): boolean {
    return s.expiresAt - this.now() < 30_000;
  }

  subscribe(l: Listener<R>): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  private emit(s: Session<R> | null, reason?: SessionEndReason) {
    for (const l of this.listeners) l(s, reason);
  }
}
