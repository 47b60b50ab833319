import { z } from 'zod';

/** Ids of carts, orders and products. */
export const id = z.string().min(1);

/** Money as integer cents, so sums are exact. */
export const cents = z.number().int().min(0);

/** A price with its currency: an amount in cents (or the currency's smallest unit). */
export const money = z.object({ amount: cents, currency: z.string().regex(/^[A-Z]{3}$/) });

export type Money = z.infer<typeof money>;

/** The only currency the demo shop sells in. */
export const SHOP_CURRENCY = 'EUR';
