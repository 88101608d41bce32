// The token lives in sessionStorage: it survives a reload, not the closing of the tab.
const KEY = 'csms.console.token';

export const tokenStore = {
  read: (): string | null => sessionStorage.getItem(KEY),
  write: (token: string): void => sessionStorage.setItem(KEY, token),
  clear: (): void => sessionStorage.removeItem(KEY),
};
