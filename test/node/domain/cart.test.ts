import { describe, expect, it } from 'vitest';
import { type CartEvent, cart, cartCommands } from '../../../src/demo/domain/cart';
import { DEFAULT_SHOP } from '../../../src/demo/domain/shops';
import { deciderSpec } from '../../../src/testing/deciderSpec';
import { addItemData, addItem as addItemTo, eur } from '../../shopFixtures';

const spec = deciderSpec(cart);
const cartId = 'c1';
const flatWhite = { productId: 'flat-white', name: 'Flat white', unitPrice: 340 };
const bun = { productId: 'cardamom-bun', name: 'Cardamom bun', unitPrice: 325 };

const addItem = (item: typeof flatWhite, quantity: number) => addItemTo(cartId, item, quantity);
const itemAdded = (item: typeof flatWhite, quantity: number): CartEvent => ({
  type: 'ItemAdded',
  data: addItemData(cartId, item, quantity),
});
const changeQuantity = (productId: string, quantity: number) => ({
  type: 'ChangeQuantity' as const,
  data: { shopId: DEFAULT_SHOP, cartId, productId, quantity },
});
const removeItem = (productId: string) => ({
  type: 'RemoveItem' as const,
  data: { shopId: DEFAULT_SHOP, cartId, productId },
});
const checkOut = {
  type: 'CheckOut' as const,
  data: { shopId: DEFAULT_SHOP, cartId, orderId: 'o1' },
};
const checkedOut: CartEvent = {
  type: 'CartCheckedOut',
  data: {
    shopId: DEFAULT_SHOP,
    cartId,
    orderId: 'o1',
    lines: [{ ...flatWhite, quantity: 2 }],
    total: 680,
  },
};

describe('cart', () => {
  it('streams each cart by its id', () => {
    expect(cart.streamOf(checkOut)).toBe('cart-c1');
  });

  describe('AddItem', () => {
    it('adds an item to an empty cart', () => {
      spec
        .given([])
        .when(addItem(flatWhite, 2))
        .then([itemAdded(flatWhite, 2)]);
    });

    it('adds to a product already in the cart', () => {
      spec
        .given([itemAdded(flatWhite, 2)])
        .when(addItem(flatWhite, 97))
        .then([itemAdded(flatWhite, 97)]);
    });

    it.each([0, -1, 1.5])('rejects a quantity of %s', (quantity) => {
      spec.given([]).when(addItem(flatWhite, quantity)).thenRejects('whole number of at least 1');
    });

    it('rejects more than 99 of a product', () => {
      spec.given([]).when(addItem(flatWhite, 100)).thenRejects('more than 99');
    });

    it('rejects adding past 99 of a product already in the cart', () => {
      spec
        .given([itemAdded(flatWhite, 98)])
        .when(addItem(flatWhite, 2))
        .thenRejects('more than 99');
    });

    it('rejects adding to a checked-out cart', () => {
      spec
        .given([itemAdded(flatWhite, 2), checkedOut])
        .when(addItem(bun, 1))
        .thenRejects('Cart is already checked out');
    });

    it('leaves a quantity that is not a number to the schema', () => {
      const parsed = cartCommands.AddItem.safeParse({
        ...addItem(flatWhite, 1).data,
        quantity: 'two',
      });
      expect(parsed.success).toBe(false);
    });

    it('schema refuses empty ids and fractional or negative prices', () => {
      const { data } = addItem(flatWhite, 1);
      expect(cartCommands.AddItem.safeParse({ ...data, cartId: '' }).success).toBe(false);
      expect(cartCommands.AddItem.safeParse({ ...data, price: eur(3.5) }).success).toBe(false);
      expect(cartCommands.AddItem.safeParse({ ...data, price: eur(-1) }).success).toBe(false);
      expect(
        cartCommands.AddItem.safeParse({ ...data, price: { amount: 1, currency: 'euro' } }).success,
      ).toBe(false);
    });
  });

  describe('ChangeQuantity', () => {
    it('sets the quantity of a line, naming its product', () => {
      spec
        .given([itemAdded(flatWhite, 2)])
        .when(changeQuantity('flat-white', 5))
        .then([
          {
            type: 'QuantityChanged',
            data: { cartId, productId: 'flat-white', quantity: 5, name: 'Flat white' },
          },
        ]);
    });

    it('rejects a product not in the cart', () => {
      spec
        .given([itemAdded(flatWhite, 2)])
        .when(changeQuantity('cardamom-bun', 1))
        .thenRejects('not in the cart');
    });

    it.each([0, 2.5])('rejects a quantity of %s', (quantity) => {
      spec
        .given([itemAdded(flatWhite, 2)])
        .when(changeQuantity('flat-white', quantity))
        .thenRejects('whole number of at least 1');
    });

    it('rejects more than 99', () => {
      spec
        .given([itemAdded(flatWhite, 2)])
        .when(changeQuantity('flat-white', 100))
        .thenRejects('more than 99');
    });

    it('rejects changes after check-out', () => {
      spec
        .given([itemAdded(flatWhite, 2), checkedOut])
        .when(changeQuantity('flat-white', 1))
        .thenRejects('Cart is already checked out');
    });
  });

  describe('RemoveItem', () => {
    it('removes a line, naming its product', () => {
      spec
        .given([itemAdded(flatWhite, 2), itemAdded(bun, 1)])
        .when(removeItem('cardamom-bun'))
        .then([
          {
            type: 'ItemRemoved',
            data: { cartId, productId: 'cardamom-bun', name: 'Cardamom bun' },
          },
        ]);
    });

    it('rejects a product not in the cart', () => {
      spec.given([]).when(removeItem('flat-white')).thenRejects('not in the cart');
    });

    it('rejects a product already removed', () => {
      spec
        .given([
          itemAdded(flatWhite, 2),
          { type: 'ItemRemoved', data: { cartId, productId: 'flat-white', name: 'Flat white' } },
        ])
        .when(removeItem('flat-white'))
        .thenRejects('not in the cart');
    });

    it('rejects removing after check-out', () => {
      spec
        .given([itemAdded(flatWhite, 2), checkedOut])
        .when(removeItem('flat-white'))
        .thenRejects('Cart is already checked out');
    });
  });

  describe('CheckOut', () => {
    it('checks out the lines as they are, with their total', () => {
      spec
        .given([
          itemAdded(flatWhite, 1),
          itemAdded(bun, 3),
          itemAdded(flatWhite, 1),
          {
            type: 'QuantityChanged',
            data: { cartId, productId: 'cardamom-bun', quantity: 2, name: 'Cardamom bun' },
          },
        ])
        .when(checkOut)
        .then([
          {
            type: 'CartCheckedOut',
            data: {
              shopId: DEFAULT_SHOP,
              cartId,
              orderId: 'o1',
              lines: [
                { ...flatWhite, quantity: 2 },
                { ...bun, quantity: 2 },
              ],
              total: 2 * 340 + 2 * 325,
            },
          },
        ]);
    });

    it('rejects an empty cart', () => {
      spec.given([]).when(checkOut).thenRejects('empty cart');
    });

    it('rejects a cart emptied by removing its items', () => {
      spec
        .given([
          itemAdded(flatWhite, 1),
          { type: 'ItemRemoved', data: { cartId, productId: 'flat-white', name: 'Flat white' } },
        ])
        .when(checkOut)
        .thenRejects('empty cart');
    });

    it('rejects checking out twice', () => {
      spec
        .given([itemAdded(flatWhite, 2), checkedOut])
        .when(checkOut)
        .thenRejects('Cart is already checked out');
    });
  });
});
