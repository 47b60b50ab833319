import { z } from 'zod';
import { cents, id } from './schemas';

/** One product and how many of it, priced as it was when added to the cart. */
export const orderLine = z.object({
  productId: id,
  name: z.string().min(1),
  unitPrice: cents,
  quantity: z.number().int().min(1),
});

export type OrderLine = z.infer<typeof orderLine>;

export function lineTotal(line: OrderLine): number {
  return line.unitPrice * line.quantity;
}

export function totalOf(lines: readonly OrderLine[]): number {
  return lines.reduce((sum, line) => sum + lineTotal(line), 0);
}

export function itemCountOf(lines: readonly OrderLine[]): number {
  return lines.reduce((count, line) => count + line.quantity, 0);
}

/** A line as views show it: with its total worked out. */
export type LineView = OrderLine & { lineTotal: number };

export function toLineView(line: OrderLine): LineView {
  return { ...line, lineTotal: lineTotal(line) };
}
