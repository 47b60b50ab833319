/** One frame of a Server-Sent Events stream: an event, or a comment (a heartbeat). */
export interface SseFrame {
  event?: string;
  id?: string;
  data?: string;
  comment?: string;
}

/** Reads an SSE response frame by frame; `next()` is null once the stream has ended. */
export function sseReader(response: Response) {
  if (!response.body) throw new Error('The response has no body');
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  return {
    async next(): Promise<SseFrame | null> {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          return parseFrame(frame);
        }
        const { done, value } = await reader.read();
        if (done) return null;
        buffer += value;
      }
    },
    /** Reads on until a frame matches `test`, returning the frames before it and it. */
    async until(test: (frame: SseFrame) => boolean): Promise<SseFrame[]> {
      const frames: SseFrame[] = [];
      for (;;) {
        const frame = await this.next();
        if (!frame) throw new Error(`The stream ended after ${JSON.stringify(frames)}`);
        frames.push(frame);
        if (test(frame)) return frames;
      }
    },
    cancel: () => reader.cancel(),
  };
}

function parseFrame(text: string): SseFrame {
  const frame: SseFrame = {};
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    const field = line.slice(0, colon);
    const value = line.slice(colon + 1).replace(/^ /, '');
    if (field === '') frame.comment = value;
    else if (field === 'event' || field === 'id' || field === 'data') frame[field] = value;
  }
  return frame;
}
