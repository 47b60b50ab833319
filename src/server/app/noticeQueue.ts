import type { LiveNotice } from '../../core/syncProtocol';

/** What a live stream writes to: an SSE event, or an SSE comment (a heartbeat). */
export interface LiveWriter {
  writeSSE(message: { event: string; id: string; data: string }): Promise<void>;
  write(text: string): Promise<unknown>;
}

/**
 * The notices of one live connection, sent one at a time: while one is being written (a slow
 * reader), at most one more waits, holding the newest head, and at most one heartbeat. Heads are
 * queued from the moment the connection subscribes; sending starts once the first head is known.
 */
export function noticeQueue(scope: string) {
  let writer: LiveWriter | null = null;
  let lastSent: number | null = null;
  let pendingHead: number | null = null;
  let pendingHeartbeat = false;
  let sending = false;

  const drain = async () => {
    if (sending || !writer) return;
    sending = true;
    try {
      while (pendingHead !== null || pendingHeartbeat) {
        if (pendingHead !== null) {
          const head = pendingHead;
          pendingHead = null;
          if (lastSent !== null && head <= lastSent) continue;
          lastSent = head;
          const notice: LiveNotice = { scope, head };
          await writer.writeSSE({ event: 'head', id: String(head), data: JSON.stringify(notice) });
        } else {
          pendingHeartbeat = false;
          await writer.write(': heartbeat\n\n');
        }
      }
    } finally {
      sending = false;
    }
  };

  return {
    notify(head: number): void {
      pendingHead = Math.max(head, pendingHead ?? 0);
      void drain();
    },
    heartbeat(): void {
      pendingHeartbeat = true;
      void drain();
    },
    /**
     * Starts sending, with the scope's head on connect: sent at once unless the device said it
     * has seen it (`Last-Event-ID`), then only newer heads.
     */
    start(to: LiveWriter, head: number, lastEventId: string | undefined): void {
      writer = to;
      if (lastEventId === String(head)) lastSent = head;
      pendingHead = Math.max(head, pendingHead ?? 0);
      void drain();
    },
  };
}
