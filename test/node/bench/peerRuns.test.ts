import { describe, expect, it } from 'vitest';
import {
  figuresOf,
  PeerStepFailed,
  runPerPeer,
  withinLimit,
} from '../../../bench/peers/harness/peerRuns';

const never = new Promise<never>(() => undefined);

describe('a peer step that hangs or fails', () => {
  it('fails with PeerStepFailed once it takes over its limit', async () => {
    const step = withinLimit('slow', 'seed', 20, never, () => new Promise(() => undefined));
    await expect(step).rejects.toMatchObject({
      name: 'PeerStepFailed',
      peer: 'slow',
      step: 'seed',
      reason: 'not done in 0 s',
    });
  });

  it('fails with PeerStepFailed when its page throws first', async () => {
    const pageError = Promise.reject(new Error('out of memory')) as Promise<never>;
    const step = withinLimit('crashy', 'burst', 60_000, pageError, () => never);
    await expect(step).rejects.toMatchObject({ step: 'burst', reason: 'failed: out of memory' });
  });

  it('answers with the step’s own value when it ends in time', async () => {
    await expect(withinLimit('fast', 'open', 60_000, never, async () => 7)).resolves.toBe(7);
  });

  it('puts only that peer out of the workload, its figure saying why, and the others go on', async () => {
    const calls: string[] = [];
    const runs = await runPerPeer(['a', 'hangs', 'b'], 3, async (peer, run) => {
      calls.push(`${peer}${run}`);
      if (peer === 'hangs' && run === 1)
        throw new PeerStepFailed(peer, 'seed', 'not done in 600 s');
      return run + (peer === 'a' ? 10 : 20);
    });
    expect(calls).toEqual(['a0', 'hangs0', 'b0', 'a1', 'hangs1', 'b1', 'a2', 'b2']);
    expect(figuresOf(runs, (values) => values)).toEqual({
      a: { median: 11, min: 10, max: 12 },
      hangs: { cannot: 'seed not done in 600 s', failed: true },
      b: { median: 21, min: 20, max: 22 },
    });
  });

  it('ends the whole run on a failed step in quick mode, and on any other error always', async () => {
    const hangs = async () => {
      throw new PeerStepFailed('p', 'seed', 'not done in 1 s');
    };
    await expect(runPerPeer(['p'], 1, hangs, { failFast: true })).rejects.toThrow(
      'p: seed not done',
    );
    const wrong = async () => {
      throw new Error('p found 3 tasks');
    };
    await expect(runPerPeer(['p'], 1, wrong)).rejects.toThrow('p found 3 tasks');
  });
});
