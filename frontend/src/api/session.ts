import type { Role, TokenPair } from './types';

/** What the browser keeps of a sign-in. */
export interface Session {
  accessToken: string;
  refreshToken: string;
  role: Role;
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
type Listener = (s: Session | null, reason?: SessionEndReason) => void;

/** Token storage (localStorage in a browser) with change notification. */
export class SessionStore {
  private listeners = new Set<Listener>();
  private readonly store: KeyValueStore;
  private readonly now: () => number;
  private readonly key: string;
  constructor(store: KeyValueStore, now: () => number = Date.now, key: string = KEY) {
    this.store = store;
    this.now = now;
    this.key = key;
  }

  get(): Session | null {
    const raw = this.store.getItem(this.key);
    if (!raw) return null;
    try {
      return JSON.parse(raw) as Session;
    } catch {
      return null;
    }
  }

  setFromTokens(t: TokenPair, name?: string): Session {
    const prev = this.get();
    const s: Session = {
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
  isStale(s: Session): boolean {
    return s.expiresAt - this.now() < 30_000;
  }

  subscribe(l: Listener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  private emit(s: Session | null, reason?: SessionEndReason) {
    for (const l of this.listeners) l(s, reason);
  }
}
