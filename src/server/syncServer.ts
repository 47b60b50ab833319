import { type Domain, eventSchemasOf } from '../core/domain';
import { ValidationError } from '../core/errors';
import { type Json, jsonEqual } from '../core/json';
import type {
  PullRequest,
  PullResponse,
  PushResponse,
  RefusedEvent,
  ServerEvent,
  WireEvent,
} from '../core/syncProtocol';
import { type Upcasters, upcast } from '../core/upcasting';
import { type EventRules, findEventProblem } from '../core/validation';
import type { PushAsSent } from './pushAsSent';
import type { SyncStorage, SyncStorageTransaction } from './syncStorage';

type StreamBatch = PushAsSent['streams'][number];
type EventAsSent = StreamBatch['events'][number];
type StreamResult = PushResponse['results'][number];

export interface SyncServer {
  /** Takes a `PushRequest`, or a push whose event types and data are not checked yet. */
  push(request: PushAsSent): Promise<PushResponse>;
  pull(request: PullRequest): Promise<PullResponse>;
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
  /** The server's version of the stream, when the rest of the batch is not based on it. */
  conflict: number | null;
}

/**
 * The sync server's logic, over any storage: a stream's batch is accepted only on the stream's
 * current version, batches of one group together or not at all, and events already stored (a
 * retry) are acknowledged as they were stored. New events are held to the same rules as on a
 * device (`findEventProblem`); a batch with one that breaks them is refused, naming each such
 * event and why, while the push's other batches go on. With upcasters, pulls serve old events in
 * their current shape.
 */
export function createSyncServer(
  storage: SyncStorage,
  { upcasters, eventSchemas }: SyncServerOptions = {},
): SyncServer {
  const rules: EventRules = { upcasters, schemas: eventSchemas };
  return {
    async push(request) {
      assertUniqueIds(request);
      assertOneBatchPerStream(request);
      // One transaction for the whole push: a bad batch anywhere leaves nothing stored.
      return storage.exclusive(async (transaction) => {
        // Planned side by side: the storage can answer every stream's questions in one go.
        const plans = await Promise.all(
          request.streams.map((batch, index) => plan(transaction, batch, index, rules)),
        );
        const refusedGroups = groupsWhere(plans, (p) => p.refused.length > 0);
        const conflictedGroups = groupsWhere(plans, (p) => p.conflict !== null);
        const results: StreamResult[] = [];
        for (const p of plans) {
          const { group } = p.batch;
          if (p.refused.length > 0 || refusedGroups.has(group)) {
            results.push({ stream: p.batch.stream, status: 'refused', events: p.refused });
          } else if (p.conflict !== null || conflictedGroups.has(group)) {
            results.push(await conflictOf(transaction, p));
          } else {
            results.push(await accept(transaction, p));
          }
        }
        return { results };
      });
    },
    async pull({ after, limit }) {
      const events = await storage.readAfter(after, limit + 1);
      // Old events go out in their current shape, as devices read them.
      const page = events.slice(0, limit).map((event) => upcast(event, upcasters));
      return {
        events: page,
        nextCursor: page.at(-1)?.position ?? after,
        hasMore: events.length > limit,
      };
    },
  };
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

/**
 * Events already stored must be the batch's first events, stored at the versions after
 * `baseVersion` (a retry, perhaps with new events after it); the rest must keep the rules, and
 * is based on the last of them. Stored events are not checked again: they are the server's
 * record, whatever rules held when they came.
 */
async function plan(
  transaction: SyncStorageTransaction,
  batch: StreamBatch,
  index: number,
  rules: EventRules,
): Promise<Plan> {
  const found = new Map(
    (await transaction.eventsById(batch.events.map((event) => event.id))).map((event) => [
      event.id,
      event,
    ]),
  );
  const stored: ServerEvent[] = [];
  batch.events.forEach((event, i) => {
    const earlier = found.get(event.id);
    if (!earlier) return;
    if (
      i !== stored.length ||
      !isSameEvent(earlier, event, batch.stream, batch.baseVersion + i + 1)
    ) {
      throw new ValidationError({
        field: `streams[${index}].events[${i}].id`,
        reason: 'is already stored with other content or at another place',
      });
    }
    stored.push(earlier);
  });
  const refused = batch.events.slice(stored.length).flatMap((event, i): RefusedEvent[] => {
    const problem = findEventProblem(
      event,
      `streams[${index}].events[${stored.length + i}]`,
      rules,
    );
    return problem
      ? [{ id: event.id, error: problem.name, reason: problem.reason, field: problem.field }]
      : [];
  });
  if (refused.length > 0 || stored.length === batch.events.length) {
    return { batch, stored, refused, conflict: null };
  }
  const current = await transaction.streamVersion(batch.stream);
  return {
    batch,
    stored,
    refused,
    conflict: current === batch.baseVersion + stored.length ? null : current,
  };
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

async function conflictOf(
  transaction: SyncStorageTransaction,
  { batch }: Plan,
): Promise<StreamResult> {
  return {
    stream: batch.stream,
    status: 'conflict',
    serverVersion: await transaction.streamVersion(batch.stream),
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
