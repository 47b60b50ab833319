import { DEFAULT_SHOP, type ShopCommand, type ShopId } from '../src/demo/domain/shop';

/** A product as tests name it: its id, name and price in euro cents. */
export interface Item {
  productId: string;
  name: string;
  unitPrice: number;
}

export const eur = (amount: number) => ({ amount, currency: 'EUR' });

/** The data of an `AddItem` (and of the `ItemAdded` it records). */
export const addItemData = (
  cartId: string,
  { productId, name, unitPrice }: Item,
  quantity: number,
) => ({
  cartId,
  productId,
  name,
  price: eur(unitPrice),
  quantity,
});

/** An `AddItem` in the default shop, whose streams are the bare `cart-<id>` (unless `shopId`). */
export const addItem = (
  cartId: string,
  item: Item,
  quantity: number,
  shopId: ShopId = DEFAULT_SHOP,
) =>
  ({
    type: 'AddItem',
    data: { shopId, ...addItemData(cartId, item, quantity) },
  }) satisfies ShopCommand;
