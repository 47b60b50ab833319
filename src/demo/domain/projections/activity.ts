import { defineProjection, type ProjectedEvent } from 'logbook';
import { formatCents, shortId } from '../format';
import { itemCountOf } from '../orderLine';
import type { ShopEvent } from '../shopEvent';

/** One line of the activity feed: an event, said in words. */
export type ActivityEntry = {
  eventId: string;
  stream: string;
  version: number;
  type: ShopEvent['type'];
  /** When the event was recorded (ms since the epoch). */
  at: number;
  clientId: string;
  summary: string;
};

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

export function summarize(event: ShopEvent): string {
  switch (event.type) {
    case 'ItemAdded':
      return `Added ${event.data.quantity} x ${event.data.name}`;
    case 'QuantityChanged':
      return `Changed ${event.data.name} to ${event.data.quantity}`;
    case 'ItemRemoved':
      return `Removed ${event.data.name}`;
    case 'CartCheckedOut':
      return `Checked out ${plural(itemCountOf(event.data.lines), 'item')} (${formatCents(event.data.total)})`;
    case 'OrderPlaced':
      return `Placed order ${shortId(event.data.orderId)} (${formatCents(event.data.total)})`;
    case 'OrderPaid':
      return `Paid order ${shortId(event.data.orderId)} (${formatCents(event.data.amount)})`;
    case 'OrderShipped':
      return `Shipped order ${shortId(event.data.orderId)}`;
    case 'OrderDelivered':
      return `Delivered order ${shortId(event.data.orderId)}`;
    case 'OrderCancelled':
      return `Cancelled order ${shortId(event.data.orderId)}: ${event.data.reason}`;
    case 'OrderRefunded':
      return `Refunded ${formatCents(event.data.amount)} on order ${shortId(event.data.orderId)}: ${event.data.reason}`;
    case 'DeviceNamed':
      return `Named this device ${event.data.name}`;
  }
}

function entryFor(
  _view: ActivityEntry | undefined,
  event: ProjectedEvent<ShopEvent>,
): ActivityEntry {
  return {
    eventId: event.id,
    stream: event.stream,
    version: event.version,
    type: event.type,
    at: event.metadata.recordedAt,
    clientId: event.metadata.clientId,
    summary: summarize(event),
  };
}

/** Every event of the shop as a feed entry, listable by stream. */
export const activity = defineProjection<ActivityEntry, ShopEvent>()({
  name: 'activity',
  version: 1,
  key: (event) => event.id,
  indexes: { stream: (entry) => entry.stream },
  on: {
    ItemAdded: entryFor,
    QuantityChanged: entryFor,
    ItemRemoved: entryFor,
    CartCheckedOut: entryFor,
    OrderPlaced: entryFor,
    OrderPaid: entryFor,
    OrderShipped: entryFor,
    OrderDelivered: entryFor,
    OrderCancelled: entryFor,
    OrderRefunded: entryFor,
    DeviceNamed: entryFor,
  } satisfies Record<ShopEvent['type'], unknown>,
});
