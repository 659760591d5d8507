// The token lives in sessionStorage: it dies with the tab, and the api's tokens last 15 minutes anyway.
const KEY = 'sightline.accessToken';

/** tokenStore reads and writes the console's access token in sessionStorage. */
export const tokenStore = {
  get(): string | null {
    try {
      return window.sessionStorage.getItem(KEY);
    } catch {
      return null;
    }
  },
  set(token: string): void {
    window.sessionStorage.setItem(KEY, token);
  },
  clear(): void {
    try {
      window.sessionStorage.removeItem(KEY);
    } catch {
      // Storage can be disabled; there is nothing left to clear then.
    }
  },
};
