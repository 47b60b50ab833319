import { type Domain, eventSchemasOf } from '../core/domain';
import { ForbiddenError, ValidationError } from '../core/errors';
import { type Json, jsonEqual } from '../core/json';
import type {
  PullRequest,
  PullResponse,
  PushResponse,
  RefusedEvent,
  ServerEvent,
  WireEvent,
} from '../core/syncProtocol';
import { hasUpcaster, type Upcasters, upcast } from '../core/upcasting';
import { type EventRules, findEventProblem } from '../core/validation';
import type { PushAsSent } from './pushAsSent';
import {
  ConcurrentPushError,
  type EventJson,
  type SyncStorage,
  type SyncStorageTransaction,
} from './syncStorage';
import { utf8Joined } from './utf8Joined';

type StreamBatch = PushAsSent['streams'][number];
type EventAsSent = StreamBatch['events'][number];
type StreamResult = PushResponse['results'][number];

/** Who pushes: the user of the verified token. */
export interface Caller {
  sub: string;
}

export interface SyncServer {
  /**
   * Takes a `PushRequest`, or a push whose event types and data are not checked yet. Whether the
   * caller may write the push's scope is checked before (by the HTTP app), not here.
   */
  push(request: PushAsSent, caller: Caller): Promise<PushResponse>;
  /** The events of `request.scope` after `request.after`. */
  pull(request: PullRequest): Promise<PullResponse>;
  /**
   * What an HTTP pull answers: exactly `JSON.stringify(await pull(request))`, as UTF-8. From a
   * storage that reads events as JSON text (`readJsonAfter`), only the events an upcaster changes
   * are parsed.
   */
  pullBody(request: PullRequest): Promise<Uint8Array<ArrayBuffer>>;
}

export interface SyncServerOptions {
  /** Pulls serve old events in their current shape; pushed ones are checked in it. */
  upcasters?: Upcasters;
  /** The domain's event schemas by type (`eventSchemasOf(domain)`): pushed events must match. */
  eventSchemas?: EventRules['schemas'];
}

/** A server that holds pushes to the rules the domain's stores hold their events to. */
export const syncServerOptionsOf = (domain: Domain): SyncServerOptions => ({
  upcasters: domain.upcasters,
  eventSchemas: eventSchemasOf(domain),
});

/** What a batch would do, worked out before anything is written. */
interface Plan {
  batch: StreamBatch;
  /** Its first events, already stored (a retry): acknowledged as they were stored. */
  stored: ServerEvent[];
  /** The events after those, which break the rules: nothing of the batch is stored. */
  refused: RefusedEvent[];
  /** The server's version of the stream. */
  version: number;
  /** The rest of the batch is not based on the server's version. */
  conflict: boolean;
}

/**
 * The sync server's logic, over any storage: a push writes one scope, whose streams are its own
 * (a stream belongs to the scope of its first event), as a device that is the caller's (the
 * first push that stores an event as a device id claims it for its user). A stream's batch is accepted only on the
 * stream's current version, batches of one group together or not at all, and events already
 * stored (a retry) are acknowledged as they were stored. New events are held to the same rules as
 * on a device (`findEventProblem`) and must be the pushing device's own; a batch with one that
 * breaks them, or for a stream of another scope, is refused, naming each event and why, while the
 * push's other batches go on. With upcasters, pulls serve old events in their current shape.
 */
export function createSyncServer(
  storage: SyncStorage,
  { upcasters, eventSchemas }: SyncServerOptions = {},
): SyncServer {
  const rules: EventRules = { upcasters, schemas: eventSchemas };
  /** One transaction for the whole push: a bad batch anywhere leaves nothing stored. */
  const pushOnce = (request: PushAsSent, caller: Caller): Promise<PushResponse> =>
    storage.exclusive(request.scope, async (transaction) => {
      const owner = await deviceOwnerFor(transaction, request.clientId, caller);
      // Planned side by side: the storage can answer every stream's questions in one go.
      const plans = await Promise.all(
        request.streams.map((_, index) => plan(transaction, request, index, rules)),
      );
      const refusedGroups = groupsWhere(plans, (p) => p.refused.length > 0);
      const conflictedGroups = groupsWhere(plans, (p) => p.conflict);
      const results: StreamResult[] = [];
      let storesEvents = false;
      for (const p of plans) {
        const { group } = p.batch;
        if (p.refused.length > 0 || refusedGroups.has(group)) {
          results.push({ stream: p.batch.stream, status: 'refused', events: p.refused });
        } else if (p.conflict || conflictedGroups.has(group)) {
          results.push({ stream: p.batch.stream, status: 'conflict', serverVersion: p.version });
        } else {
          results.push(await accept(transaction, p));
          storesEvents ||= p.batch.events.length > p.stored.length;
        }
      }
      // Only a push that stores an event claims its device: a refused one leaves it free.
      if (owner === null && storesEvents) {
        await transaction.claimDevice(request.clientId, caller.sub);
      }
      return { results };
    });
  const pull = async ({ scope, after, limit }: PullRequest): Promise<PullResponse> => {
    const events = await storage.readAfter(scope, after, limit + 1);
    // Old events go out in their current shape, as devices read them.
    const page = events.slice(0, limit).map((event) => upcast(event, upcasters));
    return {
      events: page,
      nextCursor: page.at(-1)?.position ?? after,
      hasMore: events.length > limit,
    };
  };
  return {
    async push(request, caller) {
      assertUniqueIds(request);
      assertOneBatchPerStream(request);
      try {
        return await pushOnce(request, caller);
      } catch (error) {
        // A push into another scope stored this one's new stream or id first: planned again,
        // this one sees it (refused as another scope's, or a stored id elsewhere).
        if (!(error instanceof ConcurrentPushError)) throw error;
        return pushOnce(request, caller);
      }
    },
    pull,
    async pullBody(request) {
      if (!storage.readJsonAfter) return utf8Joined([JSON.stringify(await pull(request))]);
      const { scope, after, limit } = request;
      const events = await storage.readJsonAfter(scope, after, limit + 1);
      const page = events.slice(0, limit);
      // `JSON.stringify` of `pull`'s answer, its events' texts put in place.
      return utf8Joined([
        '{"events":[',
        ...page.flatMap((event, i) => [i === 0 ? '' : ',', currentJson(event, upcasters)]),
        `],"nextCursor":${page.at(-1)?.position ?? after},"hasMore":${events.length > limit}}`,
      ]);
    },
  };
}

/** The event's JSON text in its current shape: as read, unless an upcaster changes it. */
function currentJson(event: EventJson, upcasters: Upcasters | undefined): string {
  if (!hasUpcaster(upcasters, event.type, event.schemaVersion)) return event.json;
  return JSON.stringify(upcast(JSON.parse(event.json) as ServerEvent, upcasters));
}

function assertUniqueIds(request: PushAsSent): void {
  const seen = new Set<string>();
  request.streams.forEach((batch, s) => {
    batch.events.forEach((event, e) => {
      if (seen.has(event.id)) {
        throw new ValidationError({
          field: `streams[${s}].events[${e}].id`,
          reason: 'appears twice in the push',
        });
      }
      seen.add(event.id);
    });
  });
}

/** Two batches of one stream would both claim the versions after their base. */
function assertOneBatchPerStream(request: PushAsSent): void {
  const seen = new Set<string>();
  request.streams.forEach(({ stream }, s) => {
    if (seen.has(stream)) {
      throw new ValidationError({
        field: `streams[${s}].stream`,
        reason: 'appears twice in the push: send one batch per stream',
      });
    }
    seen.add(stream);
  });
}

/** The groups (of batches that stand or fall together) that have a batch matching `test`. */
function groupsWhere(
  plans: readonly Plan[],
  test: (plan: Plan) => boolean,
): ReadonlySet<number | undefined> {
  return new Set(
    plans.flatMap((p) => (p.batch.group !== undefined && test(p) ? [p.batch.group] : [])),
  );
}

/** Who owns the device: the caller, or no one yet (null); a push as another's device is forbidden. */
async function deviceOwnerFor(
  transaction: SyncStorageTransaction,
  clientId: string,
  caller: Caller,
): Promise<string | null> {
  const owner = await transaction.deviceOwner(clientId);
  if (owner !== null && owner !== caller.sub) {
    throw new ForbiddenError({
      sub: caller.sub,
      scope: null,
      reason: `device "${clientId}" belongs to another user`,
    });
  }
  return owner;
}

/**
 * A stream of another scope: every event of its batch refused. The reason does not name that
 * scope: the pusher may have no access to it.
 */
function refuseForeignStream(batch: StreamBatch, index: number, scope: string) {
  return batch.events.map(
    (event): RefusedEvent => ({
      id: event.id,
      error: 'ValidationError',
      field: `streams[${index}].stream`,
      reason: `belongs to another scope, not "${scope}"`,
    }),
  );
}

/** What is wrong with a new event, or undefined: the rules, then whose device recorded it. */
function problemOf(
  event: EventAsSent,
  field: string,
  clientId: string,
  rules: EventRules,
): RefusedEvent | undefined {
  const problem =
    findEventProblem(event, field, rules) ??
    (event.metadata.clientId === clientId
      ? undefined
      : new ValidationError({
          field: `${field}.metadata.clientId`,
          reason: `is "${event.metadata.clientId}", but the push is from device "${clientId}"`,
        }));
  return (
    problem && { id: event.id, error: problem.name, reason: problem.reason, field: problem.field }
  );
}

/**
 * A batch for a stream of another scope is refused whole. Otherwise, events already stored must
 * be the batch's first events, stored at the versions after `baseVersion` (a retry, perhaps with
 * new events after it); the rest must keep the rules, and is based on the last of them. Stored
 * events are not checked again: they are the server's record, whatever rules held when they came.
 */
async function plan(
  transaction: SyncStorageTransaction,
  { scope, clientId, streams }: PushAsSent,
  index: number,
  rules: EventRules,
): Promise<Plan> {
  const batch = streams[index] as StreamBatch;
  const [head, earlier] = await Promise.all([
    transaction.streamHead(batch.stream),
    transaction.eventsById(batch.events.map((event) => event.id)),
  ]);
  const version = head?.version ?? 0;
  if (head && head.scope !== scope) {
    const refused = refuseForeignStream(batch, index, scope);
    return { batch, stored: [], refused, version, conflict: false };
  }
  const found = new Map(earlier.map((event) => [event.id, event]));
  const stored: ServerEvent[] = [];
  batch.events.forEach((event, i) => {
    const match = found.get(event.id);
    if (!match) return;
    if (
      i !== stored.length ||
      !isSameEvent(match, event, batch.stream, batch.baseVersion + i + 1)
    ) {
      throw new ValidationError({
        field: `streams[${index}].events[${i}].id`,
        reason: 'is already stored with other content or at another place',
      });
    }
    stored.push(match);
  });
  const refused = batch.events
    .slice(stored.length)
    .flatMap(
      (event, i) =>
        problemOf(event, `streams[${index}].events[${stored.length + i}]`, clientId, rules) ?? [],
    );
  const rest = batch.events.length - stored.length;
  const conflict =
    refused.length === 0 && rest > 0 && version !== batch.baseVersion + stored.length;
  return { batch, stored, refused, version, conflict };
}

async function accept(
  transaction: SyncStorageTransaction,
  { batch, stored }: Plan,
): Promise<StreamResult> {
  const base = batch.baseVersion + stored.length;
  // Checked in `plan`: every event after the stored ones keeps the rules, so it is a WireEvent.
  const rest = batch.events.slice(stored.length) as WireEvent[];
  const appended =
    rest.length === 0
      ? []
      : await transaction.append(
          rest.map((event, i) => ({ ...event, stream: batch.stream, version: base + i + 1 })),
        );
  return {
    stream: batch.stream,
    status: 'accepted',
    events: [...stored, ...appended].map(({ id, version, position }) => ({
      id,
      version,
      position,
    })),
  };
}

function isSameEvent(
  stored: ServerEvent,
  sent: EventAsSent,
  stream: string,
  version: number,
): boolean {
  return (
    stored.stream === stream &&
    stored.version === version &&
    stored.type === sent.type &&
    // Parsed JSON when it came over the wire; typed as JSON when the server is called directly.
    jsonEqual(stored.data, sent.data as Json)
  );
}
