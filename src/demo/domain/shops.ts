import { z } from 'zod';

/**
 * The shop that streams recorded before shops belong to (`cart-<id>`, `order-<id>`, with no shop
 * in front). Its id is the sync scope such events were stored in (`DEFAULT_SCOPE`), so old data
 * stays where it was, locally and on the server.
 */
export const DEFAULT_SHOP: 'default' = 'default';

/** Every shop: the default one and the people's (their names are in `src/demo/people.ts`). */
export const SHOP_IDS = [DEFAULT_SHOP, 'shop-ada', 'shop-ben', 'shop-shared'] as const;

export type ShopId = (typeof SHOP_IDS)[number];

/** A shop a command is for; each shop is a sync scope. */
export const shopId = z.enum(SHOP_IDS);

/** A shop's stream: `<shopId>/<name>`; the default shop's keep their old, bare names. */
export function streamIn(shop: string, name: string): string {
  return shop === DEFAULT_SHOP ? name : `${shop}/${name}`;
}

/** The shop (sync scope) a stream belongs to: what comes before its `/`, else the default shop. */
export function shopOf(stream: string): string {
  const slash = stream.indexOf('/');
  return slash > 0 ? stream.slice(0, slash) : DEFAULT_SHOP;
}

export const cartStream = (shop: string, cartId: string) => streamIn(shop, `cart-${cartId}`);
export const orderStream = (shop: string, orderId: string) => streamIn(shop, `order-${orderId}`);

/** A command's data less its shop: what its event records (the stream says the shop). */
export function withoutShop<Data extends { shopId: string }>({
  shopId: _shop,
  ...rest
}: Data): Omit<Data, 'shopId'> {
  return rest;
}
