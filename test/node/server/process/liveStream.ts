export interface LiveNotice {
  id: string | null;
  event: string;
  data: string;
}

/**
 * A reader of the server's live stream (Server-Sent Events) as a device holds it: `next()`
 * resolves with each notice in turn; comments (heartbeats) are counted, not returned.
 */
export async function openLive(url: string, token: string, scope: string, lastEventId?: string) {
  const controller = new AbortController();
  const response = await fetch(`${url}/api/sync/live?scope=${encodeURIComponent(scope)}`, {
    headers: {
      authorization: `Bearer ${token}`,
      accept: 'text/event-stream',
      ...(lastEventId ? { 'last-event-id': lastEventId } : {}),
    },
    signal: controller.signal,
  });
  const notices: LiveNotice[] = [];
  const waiting: ((notice: LiveNotice | null) => void)[] = [];
  let heartbeats = 0;
  let ended = false;
  const deliver = (notice: LiveNotice | null) => {
    const waiter = waiting.shift();
    if (waiter) waiter(notice);
    else if (notice) notices.push(notice);
  };
  const read = async () => {
    if (!response.body) return;
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const notice: LiveNotice = { id: null, event: 'message', data: '' };
          let isComment = true;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) continue;
            isComment = false;
            const [field, ...rest] = line.split(':');
            const value = rest.join(':').replace(/^ /, '');
            if (field === 'id') notice.id = value;
            else if (field === 'event') notice.event = value;
            else if (field === 'data') notice.data += value;
          }
          if (isComment) heartbeats += 1;
          else deliver(notice);
        }
      }
    } catch {
      // Aborted by close(), or the server went away: the stream has ended either way.
    }
    ended = true;
    while (waiting.length > 0) deliver(null);
  };
  const reading = read();
  return {
    status: response.status,
    /** The next notice, or null once the stream has ended. */
    next(): Promise<LiveNotice | null> {
      const queued = notices.shift();
      if (queued) return Promise.resolve(queued);
      if (ended) return Promise.resolve(null);
      return new Promise((resolve) => waiting.push(resolve));
    },
    heartbeats: () => heartbeats,
    /** Resolves when the server has ended the stream. */
    ended: () => reading,
    close() {
      controller.abort();
      return reading;
    },
  };
}
