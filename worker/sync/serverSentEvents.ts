/** One Server-Sent Event: its type (`message` unless named) and its data lines joined by `\n`. */
export interface ServerSentEvent {
  event: string;
  data: string;
}

export interface ServerSentEventsHandlers {
  onEvent(event: ServerSentEvent): void;
  /** A comment line (`:...`), which servers send as a heartbeat. */
  onComment(): void;
}

/**
 * Reads the text of an SSE stream chunk by chunk, as the WHATWG spec frames it: lines end in CRLF,
 * LF or CR, a blank line ends an event, a field's value loses one leading space, and an event with
 * no data is not dispatched. `id` and `retry` are not kept (the live stream resumes by head), and a
 * byte order mark is left to the `TextDecoder` that makes the text (it drops one by default).
 */
export function serverSentEvents(handlers: ServerSentEventsHandlers): (chunk: string) => void {
  let pending = '';
  let event = '';
  let data: string[] = [];

  const line = (text: string) => {
    if (text === '') {
      if (data.length > 0) handlers.onEvent({ event: event || 'message', data: data.join('\n') });
      event = '';
      data = [];
    } else if (text.startsWith(':')) {
      handlers.onComment();
    } else {
      const colon = text.indexOf(':');
      const field = colon < 0 ? text : text.slice(0, colon);
      const value = colon < 0 ? '' : text.slice(text[colon + 1] === ' ' ? colon + 2 : colon + 1);
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
  };

  return (chunk) => {
    pending += chunk;
    // A CR that ends the text may be the first half of a CRLF: it waits for the next chunk.
    const held = pending.endsWith('\r') ? 1 : 0;
    const lines = pending.slice(0, pending.length - held).split(/\r\n|\r|\n/);
    pending = (lines.pop() as string) + (held ? '\r' : '');
    for (const text of lines) line(text);
  };
}
