import type { SyncApp } from '../server/app/createSyncApp';

/** How one device's network misbehaves. Shares are 0..1; change them at any time. */
export interface NetworkFaults {
  /** Every request fails as a network error; the server never sees it. */
  offline: boolean;
  /** Share of requests lost on the way: the server never sees them. */
  dropRequest: number;
  /** Share of requests the server handles (and stores) whose answer is then lost. */
  loseAnswer: number;
  /** Share of requests delivered twice: the server handles both, the device gets the second answer. */
  duplicate: number;
  /** Share of requests held back for up to `maxDelayTurns` turns of the event loop, so requests of other devices overtake them. */
  delay: number;
  maxDelayTurns: number;
  /** Share of requests answered 500 before the server sees them. */
  serverError: number;
}

export type NetworkFault = 'dropped' | 'serverError' | 'lostAnswer' | 'duplicated' | 'delayed';

/** One request as the device sent it, and what the network did to it. */
export interface NetworkTrace {
  method: string;
  path: string;
  faults: NetworkFault[];
}

export const noNetworkFaults = (): NetworkFaults => ({
  offline: false,
  dropRequest: 0,
  loseAnswer: 0,
  duplicate: 0,
  delay: 0,
  maxDelayTurns: 5,
  serverError: 0,
});

const turn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * A `fetch` that reaches the sync server's HTTP app in memory, through a network with the
 * given faults. Every request draws the same number of dice from `random`, whatever the faults,
 * so one seed gives one run. Like real fetch, a network error rejects with a TypeError.
 */
export function simulatedFetch(
  server: Pick<SyncApp, 'fetch'>,
  faults: NetworkFaults,
  random: () => number,
  trace: NetworkTrace[] = [],
): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const [drop, fail, delay, turns, duplicate, lose] = Array.from({ length: 6 }, random);
    const seen: NetworkTrace = {
      method: request.method,
      path: new URL(request.url).pathname,
      faults: [],
    };
    trace.push(seen);
    const failed = (fault: NetworkFault) => {
      seen.faults.push(fault);
      return new TypeError('Failed to fetch');
    };
    if (faults.offline || (drop as number) < faults.dropRequest) throw failed('dropped');
    if ((fail as number) < faults.serverError) {
      seen.faults.push('serverError');
      return Response.json({ error: 'ServerError', message: 'Simulated failure' }, { status: 500 });
    }
    if ((delay as number) < faults.delay) {
      seen.faults.push('delayed');
      for (let i = Math.floor((turns as number) * faults.maxDelayTurns); i >= 0; i--) await turn();
    }
    // A copy each time: a duplicate is the same request delivered again.
    const deliver = () => server.fetch(request.clone());
    let answer = await deliver();
    if ((duplicate as number) < faults.duplicate) {
      seen.faults.push('duplicated');
      answer = await deliver();
    }
    if ((lose as number) < faults.loseAnswer) throw failed('lostAnswer');
    return answer;
  };
}
