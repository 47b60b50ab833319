import { type DomainCommand, defineDomain } from 'logbook';
import { cart } from './cart';
import { device } from './device';
import { order } from './order';
import { checkoutPlacesOrder } from './policies';
import { activity } from './projections/activity';
import { carts } from './projections/carts';
import { devices } from './projections/devices';
import { orders } from './projections/orders';
import { shopOf } from './shops';
import { shopUpcasters } from './upcasters';

/**
 * The demo coffee shops: carts that check out into orders, and the views the app reads. Each
 * shop is a sync scope: its streams are `<shopId>/cart-<id>` and `<shopId>/order-<id>`.
 */
export const shopDomain = defineDomain({
  aggregates: [cart, order, device],
  projections: [carts, orders, activity, devices],
  policies: [checkoutPlacesOrder],
  upcasters: shopUpcasters,
  scopeOf: shopOf,
});

export type ShopDomain = typeof shopDomain;
export type ShopCommand = DomainCommand<ShopDomain>;
export type { OrderStatus } from './order';
export type { ActivityEntry } from './projections/activity';
export type { CartView } from './projections/carts';
export type { DeviceView } from './projections/devices';
export type { OrderView } from './projections/orders';
export { SHOP_EVENT_TYPES, type ShopEvent } from './shopEvent';
export { cartStream, DEFAULT_SHOP, orderStream, SHOP_IDS, type ShopId, shopOf } from './shops';
