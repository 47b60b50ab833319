import { SYNC_PATHS } from '../../../src/core/syncProtocol';

/** A live stream a device opened, as a test sees it. */
export interface WatchedLive {
  lastEventId: string | null;
  signal: AbortSignal | null;
  /** The heads it carried (its `id:` lines). */
  heads: number[];
  /** Until the server ended it or the device cancelled it. */
  open: boolean;
}

/**
 * A `fetch` through `inner` (the global one: the mock server) that counts pulls and keeps, for
 * every live stream the server opened, what the device sent and what it received.
 */
export function watchingFetch(
  inner: typeof fetch = (input, init) => globalThis.fetch(input, init),
) {
  const lives: WatchedLive[] = [];
  let pulls = 0;
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const path = new URL(request.url).pathname;
    if (path === SYNC_PATHS.pull) pulls += 1;
    const response = await inner(request);
    if (path !== SYNC_PATHS.live || !response.ok || !response.body) return response;
    const live: WatchedLive = {
      lastEventId: request.headers.get('last-event-id'),
      signal: init?.signal ?? null,
      heads: [],
      open: true,
    };
    lives.push(live);
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const chunk = await reader.read();
        if (chunk.done) {
          live.open = false;
          controller.close();
          return;
        }
        for (const [, id] of decoder.decode(chunk.value).matchAll(/^id: ?(\d+)$/gm)) {
          live.heads.push(Number(id));
        }
        controller.enqueue(chunk.value);
      },
      cancel(reason) {
        live.open = false;
        return reader.cancel(reason);
      },
    });
    return new Response(body, response);
  };
  return { fetch, lives, pulls: () => pulls };
}
