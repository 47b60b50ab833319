import { describe, expect, it } from 'vitest';
import type { LiveListener, LogbookClient } from '../../src/client/connectLogbook';
import { LiveReads } from '../../src/client/liveReads';
import type { LiveRead } from '../../src/transport/workerApi';

/** A client whose live reads answer with how many times they were started. */
function countingClient() {
  const started: string[] = [];
  const stopped: string[] = [];
  const client = {
    watch(read: { method: string }, listener: LiveListener) {
      started.push(read.method);
      listener({ value: started.length });
      return () => stopped.push(read.method);
    },
  } as unknown as LogbookClient;
  return { client, started, stopped };
}

describe('shared live reads', () => {
  it('watch a read once however many subscribe, and stop with the last', () => {
    const { client, started, stopped } = countingClient();
    const reads = new LiveReads(client);
    const read: LiveRead = { method: 'headPosition', args: [] };
    const leave = [reads.subscribe(read, () => {}), reads.subscribe({ ...read }, () => {})];
    expect(started).toEqual(['headPosition']);
    leave[0]?.();
    expect(stopped).toEqual([]);
    leave[1]?.();
    expect(stopped).toEqual(['headPosition']);
  });

  it('read everything again on refresh (a tab back from the background), and notify', () => {
    const { client, started } = countingClient();
    const reads = new LiveReads(client);
    const read: LiveRead = { method: 'headPosition', args: [] };
    let notified = 0;
    reads.subscribe(read, () => {
      notified += 1;
    });
    expect(reads.snapshot(read)).toMatchObject({ status: 'ready', data: 1 });
    const before = notified;
    reads.refresh();
    expect(started).toHaveLength(2);
    expect(notified).toBe(before + 1);
    expect(reads.snapshot(read)).toMatchObject({ status: 'ready', data: 2 });
  });
});
