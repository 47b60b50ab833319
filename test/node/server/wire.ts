import type { PushRequest, WireEvent } from '../../../src/core/syncProtocol';
import { currentSchemaVersion } from '../../../src/core/upcasting';
import { shopUpcasters } from '../../../src/demo/domain/upcasters';
import { deviceMetadata } from '../../eventMetadata';
import { addItemData } from '../../shopFixtures';

let ids = 0;

/** An event as a device pushes it, with a fresh id; of a domain without event schemas by default. */
export function wireEvent(data: unknown = {}, type: unknown = 'Incremented'): WireEvent {
  ids += 1;
  return {
    id: `evt-${ids}`,
    type,
    data,
    metadata: {
      ...deviceMetadata('device-a'),
      schemaVersion: typeof type === 'string' ? currentSchemaVersion(shopUpcasters, type) : 1,
    },
  } as WireEvent;
}

const espresso = { productId: 'espresso', name: 'Espresso', unitPrice: 240 };

/** A well-formed shop event, at its type's current schema version. */
export const itemAdded = (cartId = 'cart-1') =>
  wireEvent(addItemData(cartId, espresso, 1), 'ItemAdded');

/** The scope the tests' pushes write, unless they name another. */
export const SCOPE = 'shop-1';

export const push = (...streams: PushRequest['streams']): PushRequest => ({
  scope: SCOPE,
  clientId: 'device-a',
  streams,
});
