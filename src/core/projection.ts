import { messageOf, ProjectionFailedError } from './errors';
import type { DomainEvent, RecordedEvent } from './events';
import type { Json } from './json';
import { ownEntry } from './ownEntry';

/** A value a view can be listed by. */
export type IndexValue = string | number;

/**
 * An event as projections see it: what it says, without its `position` and `serverPosition`,
 * which differ by device and change when it settles (see `Projection`).
 */
export type ProjectedEvent<E extends DomainEvent = DomainEvent> = E extends DomainEvent
  ? Omit<RecordedEvent<E>, 'position' | 'serverPosition'>
  : never;

type HandlerFor<View, E extends DomainEvent> = (
  view: View | undefined,
  event: ProjectedEvent<E>,
) => View | null;

/**
 * A read model kept in step with the log, inside the append's own transaction. Each event updates
 * at most one view, found by `key`: a handler gets the view as it was (or `undefined`) and returns
 * the new view, or `null` to delete it. Handlers are pure, so a projection can be replayed anywhere.
 * Handlers and `key` read what an event says (its id, stream, version, type, data, metadata), not
 * its `position` or `serverPosition` (their `ProjectedEvent` has neither): those differ by device
 * and change when the event settles, and a view is moved back and forth across that change (a
 * rewind finds views by their keys).
 */
export interface Projection<
  Name extends string = string,
  View extends Json = Json,
  E extends DomainEvent = DomainEvent,
> {
  name: Name;
  /** Bump when handlers change: the store rebuilds the views from the log. */
  version: number;
  /** The view an event belongs to. Defaults to the event's stream. */
  key?: (event: ProjectedEvent<E>) => string;
  /** Values views can be listed by, e.g. `{ status: (order) => order.status }`. */
  indexes?: Record<string, (view: View) => IndexValue | undefined>;
  on: { [Type in E['type']]?: HandlerFor<View, Extract<E, { type: Type }>> };
}

/**
 * Declares a projection. Curried so that the view and event types are given while the name is
 * inferred: `defineProjection<CartView, CartEvent>()({ name: 'carts', version: 1, on: {...} })`.
 */
export function defineProjection<View extends Json, E extends DomainEvent>() {
  return <const Name extends string>(
    projection: Projection<Name, View, E>,
  ): Projection<Name, View, E> => projection;
}

/**
 * The key of the view an event belongs to. A `key` that throws, or gives anything but a non-empty
 * string (as it would for malformed data from elsewhere), becomes a ProjectionFailedError.
 */
export function projectionKey<View extends Json, E extends DomainEvent>(
  projection: Projection<string, View, E>,
  event: RecordedEvent<E>,
): string {
  return failingAs(projection.name, event, () => {
    const key: unknown = projection.key ? projection.key(projected(event)) : event.stream;
    if (typeof key !== 'string' || key === '') {
      throw new Error(`its key is ${JSON.stringify(key) ?? String(key)}, not a non-empty string`);
    }
    return key;
  });
}

/**
 * The view after an event the projection has a handler for (`null`: deleted). A throwing handler,
 * or a view its indexes cannot index (`indexTerms`), becomes a ProjectionFailedError naming the
 * projection, the event and the reason: every view an event makes is checked, not only the last
 * of a batch, so where a log is cut into pages or batches never moves the failure.
 */
export function projectEvent<View extends Json, E extends DomainEvent>(
  projection: Projection<string, View, E>,
  view: View | undefined,
  event: RecordedEvent<E>,
): View | null {
  const handler = handlerFor(projection, event) as HandlerFor<View, E>;
  return failingAs(projection.name, event, () => {
    const next = handler(view, projected(event));
    if (next === undefined) throw new Error('the handler returned undefined (null deletes a view)');
    if (next !== null) indexTerms(projection, next);
    return next;
  });
}

/**
 * The values a view is listed by, one `[index, value]` per index that gives one. An index that
 * throws, or gives anything but a string or a number (nothing IndexedDB could list the view by: it
 * would leave the view out of that index without a word), throws saying which index and why.
 */
function indexTerms<View extends Json, E extends DomainEvent>(
  projection: Projection<string, View, E>,
  view: View,
): [index: string, value: IndexValue][] {
  const terms: [string, IndexValue][] = [];
  if (!projection.indexes) return terms;
  for (const [index, indexValueOf] of Object.entries(projection.indexes)) {
    let term: unknown;
    try {
      term = indexValueOf(view);
    } catch (error) {
      throw new Error(`its index "${index}" threw: ${messageOf(error)}`);
    }
    if (term === undefined) continue;
    if (typeof term !== 'string' && (typeof term !== 'number' || Number.isNaN(term))) {
      throw new Error(`its index "${index}" is ${shown(term)}, not a string or a number`);
    }
    terms.push([index, term]);
  }
  return terms;
}

/** A value as an error shows it: as JSON where JSON can say it. */
function shown(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** The event as projection code is given it: the same object, typed without its positions. */
const projected = <E extends DomainEvent>(event: RecordedEvent<E>) =>
  event as unknown as ProjectedEvent<E>;

function failingAs<T>(projection: string, event: RecordedEvent, run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw failedOn(projection, event, error);
  }
}

const failedOn = (projection: string, event: RecordedEvent, error: unknown) =>
  new ProjectionFailedError({
    projection,
    eventId: event.id,
    eventType: event.type,
    reason: messageOf(error),
  });

/**
 * Folds events into views in memory: what the store does in IndexedDB, for replays and tests.
 * Takes any log: events the projection has no handler for are skipped.
 */
export function replayProjection<View extends Json, E extends DomainEvent>(
  projection: Projection<string, View, E>,
  events: Iterable<RecordedEvent>,
  views: Map<string, View> = new Map(),
): Map<string, View> {
  for (const anyEvent of events) {
    const event = anyEvent as RecordedEvent<E>;
    if (!handlerFor(projection, event)) continue;
    const key = projectionKey(projection, event);
    const next = projectEvent(projection, views.get(key), event);
    if (next === null) views.delete(key);
    else views.set(key, next);
  }
  return views;
}

/** The projection's handler for the event's type: one of its own entries, never an inherited one. */
export function handlerFor<View extends Json, E extends DomainEvent>(
  projection: Projection<string, View, E>,
  event: RecordedEvent<E>,
): HandlerFor<View, E> | undefined {
  return ownEntry(projection.on as Record<string, HandlerFor<View, E> | undefined>, event.type);
}
