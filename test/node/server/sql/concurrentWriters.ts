import { expect } from 'vitest';
import type { ServerEvent } from '../../../../src/core/syncProtocol';
import type { SyncStorage } from '../../../../src/server/syncStorage';
import { eventsAfter, fresh } from '../../../../src/testing/conformance/syncStorage/fixtures';

const pause = () => new Promise((resolve) => setTimeout(resolve, 1));

/**
 * Many writers push at once into a few scopes, each push through one of the `instances` in turn,
 * while on every instance one reader per scope pulls `position > cursor` all the while. Then
 * every reader must have seen every event of its scope exactly once, in order, at positions
 * 1..N: with positions a reader could see before a lower one committed, it would skip that one.
 */
export async function writeWhileReading(
  instances: readonly SyncStorage[],
  { writers, pushes, scopes: scopeCount }: { writers: number; pushes: number; scopes: number },
) {
  const scopes = Array.from({ length: scopeCount }, () => fresh('scope'));
  const written = new Map<string, ServerEvent[]>(scopes.map((scope) => [scope, []]));
  let writing = true;

  const writer = async (w: number) => {
    const streams = scopes.map(() => fresh('stream'));
    for (let p = 0; p < pushes; p++) {
      const s = (w + p) % scopes.length;
      const [scope, stream] = [scopes[s] as string, streams[s] as string];
      const storage = instances[(w + p) % instances.length] as SyncStorage;
      const stored = await storage.exclusive(scope, async (tx) => {
        const version = (await tx.streamHead(stream))?.version ?? 0;
        return tx.append(eventsAfter(stream, version, 1 + (p % 3)));
      });
      written.get(scope)?.push(...stored);
    }
  };

  const reader = async (storage: SyncStorage, scope: string) => {
    const seen: ServerEvent[] = [];
    for (;;) {
      const done = !writing;
      const batch = await storage.readAfter(scope, seen.at(-1)?.position ?? 0, 37);
      seen.push(...batch);
      // Once the writers are done, an empty read is the end; before, it is a pause.
      if (batch.length === 0 && done) return seen;
      if (batch.length === 0) await pause();
    }
  };

  const reading = instances.flatMap((storage) => scopes.map((scope) => reader(storage, scope)));
  await Promise.all(Array.from({ length: writers }, (_, w) => writer(w)));
  writing = false;
  const logs = await Promise.all(reading);

  for (const [i, log] of logs.entries()) {
    const scope = scopes[i % scopes.length] as string;
    const expected = written.get(scope) ?? [];
    expect(log.map((event) => event.position)).toEqual(expected.map((_, n) => n + 1));
    expect(new Set(log.map((event) => event.id))).toEqual(new Set(expected.map((e) => e.id)));
    expect(await (instances[0] as SyncStorage).head(scope)).toBe(expected.length);
  }
}
