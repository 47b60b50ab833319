export { MAX_QUANTITY } from './cart';
export { catalog, findProduct, type Product } from './catalog';
export { formatCents, shortId } from './format';
export type { LineView, OrderLine } from './orderLine';
export {
  type ActivityEntry,
  type CartView,
  type OrderStatus,
  type OrderView,
  type ShopCommand,
  type ShopDomain,
  type ShopEvent,
  shopDomain,
} from './shop';
export { cartStream, DEFAULT_SHOP, orderStream, SHOP_IDS, type ShopId, shopOf } from './shops';
