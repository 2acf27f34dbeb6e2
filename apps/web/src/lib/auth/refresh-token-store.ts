/**
 * The refresh token, in localStorage: it survives a reload (the page is restored without a new
 * login) and is shared by the tabs of this browser. Sharing matters because refresh tokens
 * rotate and the server revokes the whole family when a spent one is presented: tabs holding
 * private copies (sessionStorage is copied into duplicated tabs) would log each other out. Every
 * refresh reads the newest token under a cross-tab lock. The access token stays in memory only;
 * the strict CSP (scripts from this origin only) is the guard against script injection that any
 * script-readable storage relies on.
 */
const KEY = 'msched.refreshToken';

export const refreshTokenStore = {
  read(): string | null {
    try {
      return localStorage.getItem(KEY);
    } catch {
      return null;
    }
  },
  write(token: string): void {
    try {
      localStorage.setItem(KEY, token);
    } catch {
      // Storage disabled (private mode): the session lasts as long as the page.
    }
  },
  clear(): void {
    try {
      localStorage.removeItem(KEY);
    } catch {
      // nothing stored
    }
  },
  /** Calls back when another tab removes the token (it logged out or its session expired). */
  onRemovedElsewhere(listener: () => void): () => void {
    const handler = (event: StorageEvent) => {
      if (event.key === KEY && event.newValue === null) listener();
    };
    window.addEventListener('storage', handler);
    return () => window.removeEventListener('storage', handler);
  },
};

/** Runs `task` while no other tab of this origin refreshes (Web Locks; plain call where absent). */
export function withRefreshLock<T>(task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  return locks ? (locks.request('msched.refresh', task) as Promise<T>) : task();
}
