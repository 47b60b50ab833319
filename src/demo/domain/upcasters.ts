import type { Upcasters } from 'logbook';
import { SHOP_CURRENCY } from './schemas';

/**
 * How old shop events read today. `ItemAdded` v1 carried `unitPrice` as bare cents; since v2 it
 * carries `price`, a money value with its currency (every v1 price was in euros).
 */
export const shopUpcasters: Upcasters = {
  ItemAdded: {
    1: (data) => {
      const { unitPrice, ...rest } = data as { unitPrice: number } & Record<string, never>;
      return { ...rest, price: { amount: unitPrice, currency: SHOP_CURRENCY } };
    },
  },
};
