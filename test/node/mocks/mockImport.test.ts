import { describe, expect, it } from 'vitest';

const localStorageSlot = () => Object.getOwnPropertyDescriptor(globalThis, 'localStorage');

describe('logbook/mock, as the package declares it (sideEffects: false)', () => {
  it('installs no localStorage stand-in as it is imported, only as it loads MSW', async () => {
    expect(localStorageSlot()).toBeUndefined();
    const { createSyncHandlers } = await import('logbook/mock');
    expect(localStorageSlot()).toBeUndefined();
    const handlers = await createSyncHandlers({ fetch: async () => new Response() });
    expect(handlers).toHaveLength(1);
    expect(typeof localStorage.getItem).toBe('function');
  });
});
