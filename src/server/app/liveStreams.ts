import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { SyncStorage } from '../syncStorage';
import { liveHub } from './liveHub';
import { noticeQueue } from './noticeQueue';

/**
 * The instance's live streams (`GET /api/sync/live?scope=S`, Server-Sent Events): each gets its
 * scope's head at once, a notice after each commit that moved it, and heartbeats; `close()` ends
 * them all.
 */
export function liveStreams(storage: SyncStorage, heartbeatMs: number) {
  const hub = liveHub(storage);
  const open = new Set<() => void>();
  let closed = false;

  return {
    /** Subscribes before reading the head, so no commit between the two goes unnoticed. */
    async serve(c: Context, scope: string, lastEventId: string | undefined): Promise<Response> {
      const notices = noticeQueue(scope);
      const unsubscribe = hub.subscribe(scope, notices.notify);
      let head: number;
      try {
        head = await storage.head(scope);
      } catch (error) {
        unsubscribe();
        throw error;
      }
      return streamSSE(c, async (stream) => {
        const heartbeats = setInterval(notices.heartbeat, heartbeatMs);
        let end = () => {};
        const ended = new Promise<void>((resolve) => {
          end = resolve;
        });
        stream.onAbort(end);
        open.add(end);
        // Opened while close() ran (it waited for the head): ended as the others were.
        if (closed) end();
        notices.start(stream, head, lastEventId);
        await ended;
        clearInterval(heartbeats);
        unsubscribe();
        open.delete(end);
        // streamSSE closes the stream once this returns.
      });
    },
    /** Ends every open stream (each closes once its subscription is gone). */
    close(): void {
      closed = true;
      for (const end of open) end();
    },
  };
}
