import {
  type PushRequest,
  type PushResponse,
  pushRequest,
  pushResponse,
  SYNC_PATHS,
} from '../../../src/core/syncProtocol';

type Batch = PushRequest['streams'][number];

/**
 * A fetch to the mock sync server that refuses events as the server does for their content: a
 * batch holding an event of `refused` (id -> reason) is answered `refused` naming those events,
 * the other batches of its group are held back (`events: []`), and every other batch goes to the
 * real server logic. Pulls go through as they are.
 */
export function refusingFetch(refused: ReadonlyMap<string, string>): typeof fetch {
  return async (input, init) => {
    if (!String(input).endsWith(SYNC_PATHS.push)) return globalThis.fetch(input, init);
    const push = pushRequest.parse(JSON.parse(String(init?.body)));
    const isRefused = (batch: Batch) => batch.events.some((event) => refused.has(event.id));
    const refusedGroups = new Set(push.streams.filter(isRefused).map((batch) => batch.group));
    const heldBack = (batch: Batch) => batch.group !== undefined && refusedGroups.has(batch.group);
    const forwarded = push.streams.filter((batch) => !isRefused(batch) && !heldBack(batch));
    const answered =
      forwarded.length === 0
        ? []
        : pushResponse.parse(
            await (
              await globalThis.fetch(input, {
                ...init,
                body: JSON.stringify({ ...push, streams: forwarded }),
              })
            ).json(),
          ).results;
    const results: PushResponse['results'] = push.streams.map((batch) =>
      isRefused(batch) || heldBack(batch)
        ? {
            stream: batch.stream,
            status: 'refused',
            events: batch.events.flatMap(({ id }) => {
              const reason = refused.get(id);
              return reason ? [{ id, error: 'ValidationError', reason }] : [];
            }),
          }
        : (answered.shift() as PushResponse['results'][number]),
    );
    return Response.json({ results } satisfies PushResponse);
  };
}
