import type { Upcasters } from 'logbook';
import { SHOP_CURRENCY } from './schemas';
import { DEFAULT_SHOP } from './shops';

/**
 * How old shop events read today. `ItemAdded` v1 carried `unitPrice` as bare cents; since v2 it
 * carries `price`, a money value with its currency (every v1 price was in euros).
 * `CartCheckedOut` v1 came before shops: its cart was in the default shop.
 */
export const shopUpcasters: Upcasters = {
  ItemAdded: {
    1: (data) => {
      const { unitPrice, ...rest } = data as { unitPrice: number } & Record<string, never>;
      return { ...rest, price: { amount: unitPrice, currency: SHOP_CURRENCY } };
    },
  },
  CartCheckedOut: {
    1: (data) => ({ shopId: DEFAULT_SHOP, ...(data as Record<string, never>) }),
  },
};
