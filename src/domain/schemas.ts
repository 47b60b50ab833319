import { z } from 'zod';

/** Ids of carts, orders and products. */
export const id = z.string().min(1);

/** Money as integer cents, so sums are exact. */
export const cents = z.number().int().min(0);
