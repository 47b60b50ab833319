import type { OrderLine } from './orderLine';

/** How cart events change a cart's lines: shared by the cart's decider and the carts view. */

export function findLine(lines: readonly OrderLine[], productId: string): OrderLine | undefined {
  return lines.find((line) => line.productId === productId);
}

/** Adds to the line of the same product, or appends a new line. */
export function addLine(lines: readonly OrderLine[], added: OrderLine): OrderLine[] {
  if (!findLine(lines, added.productId)) return [...lines, added];
  return lines.map((line) =>
    line.productId === added.productId
      ? { ...line, quantity: line.quantity + added.quantity }
      : line,
  );
}

export function setQuantity(
  lines: readonly OrderLine[],
  productId: string,
  quantity: number,
): OrderLine[] {
  return lines.map((line) => (line.productId === productId ? { ...line, quantity } : line));
}

export function removeLine(lines: readonly OrderLine[], productId: string): OrderLine[] {
  return lines.filter((line) => line.productId !== productId);
}
