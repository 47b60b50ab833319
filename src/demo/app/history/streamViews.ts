import { type RecordedEvent, replayProjection } from 'logbook';
import { carts } from '../../domain/projections/carts';
import { orders } from '../../domain/projections/orders';
import type { CartView, OrderView } from '../../domain/shop';

/** A cart or an order as the shop's views show it. */
export type StreamView = { kind: 'cart'; view: CartView } | { kind: 'order'; view: OrderView };

const views = [
  { kind: 'cart', projection: carts },
  { kind: 'order', projection: orders },
] as const;

/**
 * The cart or order a stream was after each of its events: the views' own handlers folded in
 * memory over the stream alone (every event of a cart's or an order's view is in its stream),
 * undefined until an event makes one (and for streams that are neither).
 */
export function viewsAfterEachStep(events: readonly RecordedEvent[]): (StreamView | undefined)[] {
  const folded = new Map<string, CartView | OrderView>();
  let kind: StreamView['kind'] | undefined;
  return events.map((event) => {
    const match = views.find(({ projection }) => Object.hasOwn(projection.on, event.type));
    if (match) {
      kind = match.kind;
      replayProjection(match.projection as never, [event], folded);
    }
    const view = folded.values().next().value;
    return kind && view ? ({ kind, view } as StreamView) : undefined;
  });
}
