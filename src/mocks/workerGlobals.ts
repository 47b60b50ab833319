/**
 * MSW's cookie store requires `localStorage`, which Web Workers do not have: MSW creates that
 * store as its modules evaluate and throws there without it. The mock server sets no cookies, so
 * an in-memory stand-in is enough. Nothing here runs at import (the package declares
 * `sideEffects: false`): `loadMsw` installs the stand-in, then imports MSW, so the order holds
 * in any bundle and in unbundled modules alike.
 */
function installLocalStorage() {
  if (typeof globalThis.localStorage !== 'undefined') return;
  const items = new Map<string, string>();
  const memoryStorage: Storage = {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, String(value)),
    removeItem: (key) => void items.delete(key),
    clear: () => items.clear(),
    key: (index) => [...items.keys()][index] ?? null,
    get length() {
      return items.size;
    },
  };
  Object.defineProperty(globalThis, 'localStorage', { value: memoryStorage });
}

/** MSW, loaded after the globals it needs: the one way the browser's mock reaches it. */
export function loadMsw(): Promise<typeof import('msw')> {
  installLocalStorage();
  return import('msw');
}
