import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addItem } from '../../../shopFixtures';
import { closeAll, type Device } from '../../sync/devices';
import { devicesOn, devToken, type ServerProcess, startServerProcess } from './serverProcess';

const SCOPE = 'shop-1';
const espresso = { productId: 'espresso', name: 'Espresso', unitPrice: 240 };

describe('live updates between two devices on the real server', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServerProcess();
  }, 60_000);
  afterAll(() => server.stop());

  it('an edit on one device reaches the other, started, with no sync asked for', {
    timeout: 60_000,
  }, async () => {
    const token = await devToken(server.url, 'alice', [SCOPE]);
    const devices = await devicesOn(server.url, { count: 2, scope: SCOPE, token, debounceMs: 1 });
    const [phone, laptop] = devices as [Device, Device];
    try {
      laptop.sync.start();
      await vi.waitFor(async () => {
        const { status } = await laptop.store.syncSummary();
        expect(status).toMatchObject({ state: 'idle', lastSyncAt: expect.any(Number) });
      });

      await phone.store.execute(addItem('cart-1', espresso, 2));
      await phone.sync.syncNow();

      await vi.waitFor(
        async () =>
          expect(await laptop.store.get('carts', 'cart-1')).toMatchObject({ itemCount: 2 }),
        { timeout: 10_000 },
      );
    } finally {
      await closeAll(devices);
    }
  });
});
