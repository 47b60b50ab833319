import { dequal } from 'dequal';
import { ValidationError } from '../core/errors';
import type {
  PullRequest,
  PullResponse,
  PushRequest,
  PushResponse,
  ServerEvent,
  WireEvent,
} from '../core/syncProtocol';
import { type Upcasters, upcast } from '../core/upcasting';
import type { SyncStorage, SyncStorageTransaction } from './syncStorage';

type StreamBatch = PushRequest['streams'][number];
type StreamResult = PushResponse['results'][number];

export interface SyncServer {
  push(request: PushRequest): Promise<PushResponse>;
  pull(request: PullRequest): Promise<PullResponse>;
}

/** What a batch would do, worked out before anything is written. */
interface Plan {
  batch: StreamBatch;
  /** Its first events, already stored (a retry): acknowledged as they were stored. */
  stored: ServerEvent[];
  /** The server's version of the stream, when the rest of the batch is not based on it. */
  conflict: number | null;
}

/**
 * The sync server's logic, over any storage: a stream's batch is accepted only on the stream's
 * current version, batches of one group together or not at all, and events already stored (a
 * retry) are acknowledged as they were stored. With upcasters, pulls serve old events in their
 * current shape.
 */
export function createSyncServer(
  storage: SyncStorage,
  options: { upcasters?: Upcasters } = {},
): SyncServer {
  return {
    async push(request) {
      assertUniqueIds(request);
      // One transaction for the whole push: a bad batch anywhere leaves nothing stored.
      return storage.exclusive(async (transaction) => {
        // Planned side by side: the storage can answer every stream's questions in one go.
        const plans = await Promise.all(
          request.streams.map((batch, index) => plan(transaction, batch, index)),
        );
        const failedGroups = new Set(
          plans
            .filter((p) => p.conflict !== null && p.batch.group !== undefined)
            .map((p) => p.batch.group),
        );
        const results: StreamResult[] = [];
        for (const p of plans) {
          const heldBack = p.batch.group !== undefined && failedGroups.has(p.batch.group);
          results.push(
            heldBack || p.conflict !== null
              ? await conflictOf(transaction, p)
              : await accept(transaction, p),
          );
        }
        return { results };
      });
    },
    async pull({ after, limit }) {
      const events = await storage.readAfter(after, limit + 1);
      // Old events go out in their current shape, as devices read them.
      const page = events.slice(0, limit).map((event) => upcast(event, options.upcasters));
      return {
        events: page,
        nextCursor: page.at(-1)?.position ?? after,
        hasMore: events.length > limit,
      };
    },
  };
}

function assertUniqueIds(request: PushRequest): void {
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

/**
 * Events already stored must be the batch's first events, stored at the versions after
 * `baseVersion` (a retry, perhaps with new events after it); the rest is based on the last of them.
 */
async function plan(
  transaction: SyncStorageTransaction,
  batch: StreamBatch,
  index: number,
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
  if (stored.length === batch.events.length) return { batch, stored, conflict: null };
  const current = await transaction.streamVersion(batch.stream);
  return {
    batch,
    stored,
    conflict: current === batch.baseVersion + stored.length ? null : current,
  };
}

async function accept(
  transaction: SyncStorageTransaction,
  { batch, stored }: Plan,
): Promise<StreamResult> {
  const base = batch.baseVersion + stored.length;
  const rest = batch.events.slice(stored.length);
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
  sent: WireEvent,
  stream: string,
  version: number,
): boolean {
  return (
    stored.stream === stream &&
    stored.version === version &&
    stored.type === sent.type &&
    dequal(stored.data, sent.data)
  );
}
