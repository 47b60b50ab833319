import type { SyncHttpError } from '../../src/core/errors';
import { safeParse } from '../../src/core/schemaParse';
import { liveNotice } from '../../src/core/syncProtocol';
import { type Backoff, backoffDelay } from './backoffDelay';
import { type ServerSentEvent, serverSentEvents } from './serverSentEvents';
import { isRefused } from './syncFailures';
import { openLiveStream, type SyncTransport } from './syncHttp';

export interface LiveNoticesOptions {
  transport: SyncTransport;
  /** The wait before reconnecting, longer after each connection in a row that brought nothing. */
  backoff: Backoff;
  /** The server announced the scope's head. */
  onHead(head: number): void;
  /** The stream came up (true) or went down (false). */
  onConnection(up: boolean): void;
  /**
   * The server refused the stream (401 even with a new token, 403, ...): no reconnecting until
   * the next `start()`.
   */
  onRefused(error: SyncHttpError): void;
}

export interface LiveNotices {
  /**
   * Holds the live stream, reconnecting after it ends or fails, until `stop()` or a refusal;
   * nothing while it holds it already.
   */
  start(): void;
  /** Ends the stream and any wait to reconnect. */
  stop(): void;
}

/** A refusal that holds until something changes (a new token, a new grant); a 429 passes. */
const stopsReconnecting = (error: unknown): error is SyncHttpError =>
  isRefused(error) && error.status !== 429;

/** Resolves after `ms`, or at once when `signal` aborts. */
const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });

/**
 * The scope's live stream (`SYNC_PATHS.live`, Server-Sent Events read through the transport's
 * `fetch`, which can send the token as EventSource cannot): each `head` notice goes to `onHead`.
 * A notice that is not a head of this scope is ignored (the first one logged), never thrown.
 */
export function liveNotices(options: LiveNoticesOptions): LiveNotices {
  const { transport, backoff } = options;
  let controller: AbortController | null = null;
  let lastHead: string | null = null;
  let failures = 0;
  let ignored = 0;

  const heard = ({ event, data }: ServerSentEvent) => {
    if (event !== 'head') return;
    let body: unknown = null;
    try {
      body = JSON.parse(data);
    } catch {}
    const notice = safeParse(liveNotice, body);
    if (!notice.success || notice.data.scope !== transport.scope) {
      ignored += 1;
      if (ignored === 1) console.warn('Logbook ignored a live notice it cannot read:', data);
      return;
    }
    lastHead = String(notice.data.head);
    options.onHead(notice.data.head);
  };

  /** One connection, read until the server ends it or `signal` aborts. */
  const listen = async (signal: AbortSignal) => {
    const response = await openLiveStream(transport, lastHead, signal);
    const reader = response.body?.pipeThrough(new TextDecoderStream()).getReader();
    if (!reader) return;
    // A mock fetch may not tie the body to the signal: cancelling it ends the stream either way.
    const cancel = () => void reader.cancel().catch(() => undefined);
    signal.addEventListener('abort', cancel, { once: true });
    // Anything from the server (a notice, a heartbeat) shows the stream works.
    const feed = serverSentEvents({
      onEvent: (message) => {
        failures = 0;
        heard(message);
      },
      onComment: () => {
        failures = 0;
      },
    });
    options.onConnection(true);
    try {
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        feed(chunk.value);
      }
    } finally {
      signal.removeEventListener('abort', cancel);
      options.onConnection(false);
    }
  };

  const holdOpen = async (signal: AbortSignal) => {
    while (!signal.aborted) {
      try {
        await listen(signal);
      } catch (error) {
        if (!signal.aborted && stopsReconnecting(error)) {
          controller = null;
          options.onRefused(error);
          return;
        }
        // Offline, a 5xx, a stream cut short: try again after a while.
      }
      await pause(backoffDelay(backoff, failures), signal);
      failures += 1;
    }
  };

  return {
    start() {
      if (controller) return;
      controller = new AbortController();
      ignored = 0;
      void holdOpen(controller.signal);
    },
    stop() {
      controller?.abort();
      controller = null;
    },
  };
}
