import { describe, expect, it } from 'vitest';
import { type ServerSentEvent, serverSentEvents } from '../../../worker/sync/serverSentEvents';

/** Feeds the chunks in order and tells what came out, comments as `:`. */
function read(chunks: string[]): (ServerSentEvent | ':')[] {
  const heard: (ServerSentEvent | ':')[] = [];
  const feed = serverSentEvents({
    onEvent: (event) => heard.push(event),
    onComment: () => heard.push(':'),
  });
  for (const chunk of chunks) feed(chunk);
  return heard;
}

describe('serverSentEvents (the live stream’s SSE framing)', () => {
  it('hands over named events and comments, a value losing one leading space', () => {
    expect(read(['event: head\ndata: {"head":3}\n\n: ping\n\nevent:head\ndata:  x\n\n'])).toEqual([
      { event: 'head', data: '{"head":3}' },
      ':',
      { event: 'head', data: ' x' },
    ]);
  });

  it('joins data lines with LF, names an unnamed event message, and drops one with no data', () => {
    expect(read(['data: a\ndata\ndata: b\n\nevent: head\n\nid: 7\nretry: 5\ndata:\n\n'])).toEqual([
      { event: 'message', data: 'a\n\nb' },
      { event: 'message', data: '' },
    ]);
  });

  it('reads lines ended by CRLF, LF or CR, however the chunks cut them (a CRLF too)', () => {
    const text = 'event: head\r\ndata: 1\r\n\r\nevent: head\rdata: 2\r\revent: head\ndata: 3\n\n';
    const whole = read([text]);
    expect(whole).toEqual([
      { event: 'head', data: '1' },
      { event: 'head', data: '2' },
      { event: 'head', data: '3' },
    ]);
    for (let cut = 1; cut < text.length; cut += 1) {
      expect(read([text.slice(0, cut), text.slice(cut)])).toEqual(whole);
    }
    expect(read([...text])).toEqual(whole);
  });

  it('dispatches nothing for an event the stream ends before its blank line', () => {
    expect(read(['event: head\ndata: 1\n'])).toEqual([]);
  });
});
