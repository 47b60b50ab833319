import type { CartEvent } from './cart';
import type { OrderEvent } from './order';

/** Every event the shop records. */
export type ShopEvent = CartEvent | OrderEvent;
