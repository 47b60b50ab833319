/**
 * MSW's cookie store requires `localStorage`, which Web Workers do not have. The mock server sets
 * no cookies, so an in-memory stand-in is enough. Import this before `msw` where it runs in a worker.
 */
if (typeof globalThis.localStorage === 'undefined') {
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
