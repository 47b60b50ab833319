import { SYNC_PATHS } from '../../src/core/syncProtocol';

/** A request a device sent: its path and when it went out (`performance.now()`). */
export interface SentRequest {
  path: string;
  at: number;
}

/** What the devices and the server did during a run, in `performance.now()` milliseconds. */
export interface Timeline {
  /** Requests device A (the one that executes) sent. */
  a: SentRequest[];
  /** Requests device B (the one that watches) sent. */
  b: SentRequest[];
  /** When a live-stream listener beside the devices heard each of the server's notices. */
  notices: number[];
}

/** One command: from just before `execute` on A to B's live query showing its event. */
export interface Trip {
  startedAt: number;
  shownAt: number;
}

/** The steps of one trip, in order; their durations add up to the whole trip. */
export const PHASES = [
  'A: command, then the debounce until its sync starts',
  'A: its pull, then the push sent',
  'server: push received, stored, live notice out',
  'B: notice heard, then the debounce until its pull',
  'B: pull, apply, live query shows it',
] as const;

export type Phase = (typeof PHASES)[number];

/** A function that records each request's path and time in `sent`, then sends it on. */
export function recordingFetch(sent: SentRequest[]): typeof fetch {
  return (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    sent.push({ path: new URL(url).pathname, at: performance.now() });
    return globalThis.fetch(input, init);
  };
}

const firstAt = (times: readonly number[], from: number) => times.find((at) => at >= from);

const firstSent = (requests: readonly SentRequest[], from: number, path?: string) =>
  firstAt(
    requests
      .filter((request) => request.path !== SYNC_PATHS.live && (!path || request.path === path))
      .map((request) => request.at),
    from,
  );

/**
 * How long each step of `trip` took: A's first sync request after the command, its push, the
 * first notice after the push, B's first pull after the notice, and B's live query. Undefined
 * when a step is missing from the timeline (then the trip went another way).
 */
export function phasesOf(trip: Trip, timeline: Timeline): Record<Phase, number> | undefined {
  const syncStarted = firstSent(timeline.a, trip.startedAt);
  const pushed =
    syncStarted === undefined ? undefined : firstSent(timeline.a, syncStarted, SYNC_PATHS.push);
  const noticed = pushed === undefined ? undefined : firstAt(timeline.notices, pushed);
  const pulled =
    noticed === undefined ? undefined : firstSent(timeline.b, noticed, SYNC_PATHS.pull);
  if (pulled === undefined || pulled > trip.shownAt) return undefined;
  const steps = [trip.startedAt, syncStarted, pushed, noticed, pulled, trip.shownAt] as number[];
  return Object.fromEntries(
    PHASES.map((phase, i) => [phase, (steps[i + 1] as number) - (steps[i] as number)]),
  ) as Record<Phase, number>;
}
