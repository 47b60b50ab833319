import type { CartEvent } from './cart';
import type { DeviceNamed } from './device';
import type { OrderEvent } from './order';

/** Every event the shop records. */
export type ShopEvent = CartEvent | OrderEvent | DeviceNamed;

/** Keyed by every event type, so the compiler flags one that is added but not listed here. */
const eventTypes: Record<ShopEvent['type'], true> = {
  ItemAdded: true,
  QuantityChanged: true,
  ItemRemoved: true,
  CartCheckedOut: true,
  OrderPlaced: true,
  OrderPaid: true,
  OrderShipped: true,
  OrderDelivered: true,
  OrderCancelled: true,
  OrderRefunded: true,
  DeviceNamed: true,
};

/** Every shop event type, for pickers and filters. */
export const SHOP_EVENT_TYPES = Object.keys(eventTypes) as ShopEvent['type'][];
