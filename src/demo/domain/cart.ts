import { type DomainEvent, defineAggregate } from 'logbook';
import { z } from 'zod';
import { addLine, findLine, removeLine, setQuantity } from './cartLines';
import { type OrderLine, orderLine, totalOf } from './orderLine';
import { reject } from './rejection';
import { cents, id, money, SHOP_CURRENCY } from './schemas';
import { cartStream, type ShopId, shopId, withoutShop } from './shops';

export const MAX_QUANTITY = 99;

// `quantity` is any number here: whole and in range is a domain rule, checked in `decide`.
const itemChanges = {
  AddItem: z.object({
    cartId: id,
    productId: id,
    name: z.string().min(1),
    price: money,
    quantity: z.number(),
  }),
  ChangeQuantity: z.object({ cartId: id, productId: id, quantity: z.number() }),
  RemoveItem: z.object({ cartId: id, productId: id }),
};

/** Every command names its shop: the cart's stream is in it. Its events leave the shop to the stream. */
export const cartCommands = {
  AddItem: itemChanges.AddItem.extend({ shopId }),
  ChangeQuantity: itemChanges.ChangeQuantity.extend({ shopId }),
  RemoveItem: itemChanges.RemoveItem.extend({ shopId }),
  CheckOut: z.object({ shopId, cartId: id, orderId: id }),
};

type CartCommandData<Type extends keyof typeof itemChanges> = z.infer<(typeof itemChanges)[Type]>;

export type ItemAdded = DomainEvent<'ItemAdded', CartCommandData<'AddItem'>>;
/** Carries the product's name so that readers need not look it up. */
export type QuantityChanged = DomainEvent<
  'QuantityChanged',
  CartCommandData<'ChangeQuantity'> & { name: string }
>;
export type ItemRemoved = DomainEvent<
  'ItemRemoved',
  CartCommandData<'RemoveItem'> & { name: string }
>;
/** Names its shop (since schema version 2), where the checkout policy places the order. */
export type CartCheckedOut = DomainEvent<
  'CartCheckedOut',
  { shopId: ShopId; cartId: string; orderId: string; lines: OrderLine[]; total: number }
>;
export type CartEvent = ItemAdded | QuantityChanged | ItemRemoved | CartCheckedOut;

/** The data of each cart event, as the store and the sync server check it. */
const cartEvents = {
  ItemAdded: itemChanges.AddItem.extend({ quantity: z.number().int().min(1) }),
  QuantityChanged: itemChanges.ChangeQuantity.extend({
    quantity: z.number().int().min(1),
    name: z.string().min(1),
  }),
  ItemRemoved: itemChanges.RemoveItem.extend({ name: z.string().min(1) }),
  CartCheckedOut: z.object({
    shopId,
    cartId: id,
    orderId: id,
    lines: z.array(orderLine),
    total: cents,
  }),
};

export interface CartState {
  checkedOut: boolean;
  lines: OrderLine[];
}

function assertQuantity(quantity: number): void {
  if (!Number.isInteger(quantity) || quantity < 1) {
    reject('Quantity must be a whole number of at least 1');
  }
  if (quantity > MAX_QUANTITY) reject(`Quantity cannot be more than ${MAX_QUANTITY}`);
}

function lineInCart(state: CartState, productId: string): OrderLine {
  return findLine(state.lines, productId) ?? reject(`Product ${productId} is not in the cart`);
}

/** The line an `ItemAdded` adds: lines keep prices in the shop's currency, as cents. */
export function lineOf({ productId, name, price, quantity }: ItemAdded['data']): OrderLine {
  return { productId, name, unitPrice: price.amount, quantity };
}

/** A shopper's basket: lines can change until it is checked out, once, into an order. */
export const cart = defineAggregate<CartState, typeof cartCommands, CartEvent>({
  name: 'cart',
  snapshots: { every: 25, version: 1 },
  commands: cartCommands,
  events: cartEvents,
  streamOf: ({ data }) => cartStream(data.shopId, data.cartId),
  initialState: () => ({ checkedOut: false, lines: [] }),

  evolve: (state, event) => {
    switch (event.type) {
      case 'ItemAdded':
        return { ...state, lines: addLine(state.lines, lineOf(event.data)) };
      case 'QuantityChanged':
        return {
          ...state,
          lines: setQuantity(state.lines, event.data.productId, event.data.quantity),
        };
      case 'ItemRemoved':
        return { ...state, lines: removeLine(state.lines, event.data.productId) };
      case 'CartCheckedOut':
        return { ...state, checkedOut: true };
      default:
        // An event of a type this version does not know (a newer app's) changes nothing here.
        return state;
    }
  },

  decide: (command, state) => {
    if (state.checkedOut) reject('Cart is already checked out');
    switch (command.type) {
      case 'AddItem': {
        if (command.data.price.currency !== SHOP_CURRENCY) {
          reject(`Prices must be in ${SHOP_CURRENCY}, not ${command.data.price.currency}`);
        }
        assertQuantity(command.data.quantity);
        const inCart = findLine(state.lines, command.data.productId)?.quantity ?? 0;
        assertQuantity(inCart + command.data.quantity);
        return { type: 'ItemAdded', data: withoutShop(command.data) };
      }
      case 'ChangeQuantity': {
        const { name } = lineInCart(state, command.data.productId);
        assertQuantity(command.data.quantity);
        return { type: 'QuantityChanged', data: { ...withoutShop(command.data), name } };
      }
      case 'RemoveItem': {
        const { name } = lineInCart(state, command.data.productId);
        return { type: 'ItemRemoved', data: { ...withoutShop(command.data), name } };
      }
      case 'CheckOut': {
        if (state.lines.length === 0) reject('Cannot check out an empty cart');
        const { shopId, cartId, orderId } = command.data;
        const total = totalOf(state.lines);
        return {
          type: 'CartCheckedOut',
          data: { shopId, cartId, orderId, lines: state.lines, total },
        };
      }
    }
  },
});
