import { afterEach, describe, expect, it } from 'vitest';
import type { LogbookStore } from '../../../src/core/store';
import { device } from '../../../src/demo/domain/device';
import { type ShopDomain, shopDomain } from '../../../src/demo/domain/shop';
import { deciderSpec } from '../../../src/testing/deciderSpec';
import { openStore } from '../../../worker/store/openStore';

const spec = deciderSpec(device);
const nameIt = (name: string) => ({
  type: 'NameDevice' as const,
  data: { shopId: 'shop-ada' as const, clientId: 'client-a', name },
});
const named = (name: string) => ({ type: 'DeviceNamed' as const, data: nameIt(name).data });

let store: LogbookStore<ShopDomain> | undefined;
afterEach(() => store?.close());

describe('device names', () => {
  it('a device is named in the stream of its shop', () => {
    expect(device.streamOf(nameIt('laptop'))).toBe('shop-ada/device-client-a');
  });

  it('naming records the name; the same name again is refused, a new one recorded', () => {
    spec
      .given([])
      .when(nameIt('laptop'))
      .then([named('laptop')]);
    spec
      .given([named('laptop')])
      .when(nameIt('laptop'))
      .thenRejects('The device is already called laptop');
    spec
      .given([named('laptop')])
      .when(nameIt('phone'))
      .then([named('phone')]);
  });

  it('the devices view says what each client id is called, the newest name winning', async () => {
    store = await openStore({ name: `devices-${Date.now()}`, domain: shopDomain });
    await store.execute(nameIt('laptop'));
    await store.execute(nameIt('work laptop'));
    await store.execute({ ...nameIt('phone'), data: { ...nameIt('phone').data, clientId: 'b' } });
    expect(await store.list('devices')).toEqual([
      { clientId: 'b', name: 'phone' },
      { clientId: 'client-a', name: 'work laptop' },
    ]);
  });

  it('a blank or overlong name is refused', async () => {
    store = await openStore({ name: `devices-bad-${Date.now()}`, domain: shopDomain });
    await expect(store.execute(nameIt('  '))).rejects.toMatchObject({ name: 'ValidationError' });
    await expect(store.execute(nameIt('x'.repeat(41)))).rejects.toMatchObject({
      name: 'ValidationError',
    });
  });
});
