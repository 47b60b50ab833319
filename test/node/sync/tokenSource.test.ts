import { describe, expect, it } from 'vitest';
import { tokenSource } from '../../../worker/sync/tokenSource';

/** A token function answering `t1`, `t2`, ... in turn, counting its calls. */
function counting() {
  const asked = { count: 0 };
  const ask = async () => `t${++asked.count}`;
  return { asked, ask };
}

describe('the tokens a device sends', () => {
  it('asks once for the first token, however many requests want it', async () => {
    const { asked, ask } = counting();
    const tokens = tokenSource(ask);
    expect(await Promise.all([tokens.current(), tokens.current()])).toEqual(['t1', 't1']);
    expect(asked.count).toBe(1);
  });

  it('asks once when requests refused together all ask to renew the same token', async () => {
    const { asked, ask } = counting();
    const tokens = tokenSource(ask);
    await tokens.current();
    expect(await Promise.all([tokens.renew('t1'), tokens.renew('t1'), tokens.renew('t1')])).toEqual(
      ['t2', 't2', 't2'],
    );
    expect(asked.count).toBe(2);
  });

  it('asks again when the renewed token is refused too, or the function gave the refused one back', async () => {
    const tokens = tokenSource(async () => 'same');
    await tokens.current();
    expect(await tokens.renew('same')).toBe('same');
    const { asked, ask } = counting();
    const renewed = tokenSource(ask);
    await renewed.current();
    await renewed.renew('t1');
    expect(await renewed.renew('t2')).toBe('t3');
    expect(asked.count).toBe(3);
  });

  it('asks again after the function failed', async () => {
    let fail = true;
    const tokens = tokenSource(async () => {
      if (fail) throw new Error('no network');
      return 'ok';
    });
    await expect(tokens.current()).rejects.toThrow('no network');
    fail = false;
    expect(await tokens.current()).toBe('ok');
  });
});
